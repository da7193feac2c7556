package com.leadimport.local.sfn;

import static com.leadimport.local.sfn.Fixtures.json;
import static com.leadimport.local.sfn.Fixtures.machine;
import static com.leadimport.local.sfn.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retry, Catch, Fail, Wait, Parallel and execution names, as Step Functions runs them. */
class ErrorHandlingTest {

    private final Fixtures fixtures = new Fixtures();

    @Test
    void retriesWithExponentialBackoffThenSucceeds() {
        String definition = machine("T", task("T", null, ", 'Retry': [{'ErrorEquals': "
                + "['java.io.UncheckedIOException'], 'IntervalSeconds': 1, 'MaxAttempts': 3, 'BackoffRate': 2.0}]"));
        AtomicInteger calls = new AtomicInteger();

        Execution execution = fixtures.executor(definition, (fn, payload) -> {
            if (calls.incrementAndGet() < 3) {
                throw new UncheckedIOException(new IOException("throttled"));
            }
            return json("'ok'");
        }).run("r", json("{}"));

        assertThat(execution.status()).isEqualTo(Execution.Status.SUCCEEDED);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(fixtures.sleeps).containsExactly(1000L, 2000L);
        assertThat(execution.events()).contains(
                "RetryScheduled T java.io.UncheckedIOException attempt=1 delayMillis=1000",
                "RetryScheduled T java.io.UncheckedIOException attempt=2 delayMillis=2000");
    }

    @Test
    void maxDelayCapsTheBackoffAndFullJitterScalesIt() {
        String definition = machine("T", task("T", null, ", 'Retry': [{'ErrorEquals': ['States.ALL'], "
                + "'IntervalSeconds': 2, 'MaxAttempts': 4, 'BackoffRate': 3.0, 'MaxDelaySeconds': 10, "
                + "'JitterStrategy': 'FULL'}]"));
        AtomicInteger calls = new AtomicInteger();

        Execution execution = fixtures.executor(definition, (fn, payload) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("down");
        }).run("j", json("{}"));

        assertThat(execution.status()).isEqualTo(Execution.Status.FAILED);
        assertThat(calls.get()).as("one attempt and four retries").isEqualTo(5);
        // 2, 6, 18 -> 10, 54 -> 10 seconds, each times the fixture's random 0.5
        assertThat(fixtures.sleeps).containsExactly(1000L, 3000L, 5000L, 5000L);
    }

    @Test
    void anErrorNoRetrierNamesFailsAtOnceWithItsMessageAsCause() {
        String definition = machine("T", task("T", null, ", 'Retry': [{'ErrorEquals': ['Nope'], 'MaxAttempts': 5}]"));
        AtomicInteger calls = new AtomicInteger();

        Execution execution = fixtures.executor(definition, (fn, payload) -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bad");
        }).run("n", json("{}"));

        assertThat(calls.get()).isEqualTo(1);
        assertThat(fixtures.sleeps).isEmpty();
        assertThat(execution.error()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(json(execution.cause()).get("errorMessage").asText()).isEqualTo("bad");
    }

    @Test
    void catchRoutesTheErrorToItsStateWithResultPath() {
        String definition = machine("T", task("T", null, ", 'Catch': [{'ErrorEquals': ['States.ALL'], "
                + "'ResultPath': '$.error', 'Next': 'Handle'}]") + ", 'Handle': {'Type': 'Pass', 'End': true}");

        Execution execution = fixtures.executor(definition, (fn, payload) -> {
            throw new IllegalStateException("boom");
        }).run("c", json("{'file': 'f.csv'}"));

        assertThat(execution.status()).isEqualTo(Execution.Status.SUCCEEDED);
        assertThat(execution.output().get("file").asText()).isEqualTo("f.csv");
        assertThat(execution.output().get("error").get("Error").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json(execution.output().get("error").get("Cause").asText()).get("errorMessage").asText())
                .isEqualTo("boom");
    }

    @Test
    void aMissingPathIsARuntimeErrorThatStatesAllDoesNotCatch() {
        String definition = machine("T", "'T': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', "
                + "'Parameters': {'FunctionName': 'f', 'Payload.$': '$.missing'}, 'Catch': [{'ErrorEquals': ['States.ALL'], "
                + "'Next': 'H'}], 'End': true}, 'H': {'Type': 'Succeed'}");

        Execution execution = fixtures.executor(definition, (fn, payload) -> payload).run("p", json("{}"));

        assertThat(execution.status()).isEqualTo(Execution.Status.FAILED);
        assertThat(execution.error()).isEqualTo("States.Runtime");
    }

    @Test
    void failStateEndsTheExecutionWithItsErrorAndCause() {
        Execution execution = fixtures.executor("{'StartAt': 'F', 'States': {'F': {'Type': 'Fail', 'Error': 'ImportFailed', "
                + "'Cause': 'see history'}}}").run("x", json("{}"));

        assertThat(execution.status()).isEqualTo(Execution.Status.FAILED);
        assertThat(execution.error()).isEqualTo("ImportFailed");
        assertThat(execution.cause()).isEqualTo("see history");
    }

    @Test
    void waitSleepsItsSecondsThroughTheSleeper() {
        Execution execution = fixtures.executor(machine("W", "'W': {'Type': 'Wait', 'SecondsPath': '$.s', 'End': true}"))
                .run("w", json("{'s': 3}"));

        assertThat(execution.status()).isEqualTo(Execution.Status.SUCCEEDED);
        assertThat(fixtures.sleeps).containsExactly(3000L);
        assertThat(execution.output()).isEqualTo(json("{'s': 3}"));
    }

    @Test
    void parallelRunsEachBranchOnTheInputAndOneFailingBranchFailsTheState() {
        String branches = "'Branches': [{'StartAt': 'A', 'States': {" + task("A", null, "") + "}}, "
                + "{'StartAt': 'B', 'States': {" + task("B", null, "") + "}}]";
        String definition = machine("P", "'P': {'Type': 'Parallel', " + branches + ", 'End': true}");

        Execution ok = fixtures.executor(definition, (fn, payload) -> json("'" + fn + payload.get("v").asText() + "'"))
                .run("p", json("{'v': 1}"));
        Execution failed = fixtures.executor(definition, (fn, payload) -> {
            if (fn.equals("BFn")) {
                throw new IllegalStateException("branch B");
            }
            return payload;
        }).run("q", json("{'v': 1}"));

        assertThat(ok.output().findValuesAsText("Payload")).as("lambda:invoke results, in branch order")
                .containsExactly("AFn1", "BFn1");
        assertThat(failed.status()).isEqualTo(Execution.Status.FAILED);
        assertThat(failed.error()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void aNameThatAlreadyRanWithTheSameInputStartsNothingNewAndAnotherInputIsRefused() {
        AtomicInteger calls = new AtomicInteger();
        StateMachineExecutor executor = fixtures.executor(machine("T", task("T", null, "")),
                (fn, payload) -> json(String.valueOf(calls.incrementAndGet())));

        Execution first = executor.run("same", json("{}"));
        Execution again = executor.run("same", json("{}"));

        assertThat(calls.get()).isEqualTo(1);
        assertThat(again).isSameAs(first);
        assertThat(executor.find("same")).contains(first);
        assertThatThrownBy(() -> executor.run("same", json("{'other': true}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class)
                .hasMessageContaining("'same'");
    }
}
