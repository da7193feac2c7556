package com.leadimport.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StateMachineExecutorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private StateMachineExecutor executor(String definition, TaskInvoker tasks, ObjectReader objects, int threads) {
        return new StateMachineExecutor("test", StateMachine.load(definition.replace('\'', '"'), Map.of()), tasks, objects,
                threads, sleeps::add, () -> 1.0);
    }

    private StateMachineExecutor executor(String definition, TaskInvoker tasks) {
        return executor(definition, tasks, (b, k) -> { throw new IllegalStateException("no S3"); }, 4);
    }

    private static String task(String name, String next, String extra) {
        return "'" + name + "': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', "
                + "'Parameters': {'FunctionName': '" + name + "Fn', 'Payload.$': '$'}" + extra + ", "
                + (next == null ? "'End': true" : "'Next': '" + next + "'") + "}";
    }

    @Test
    void loadsBothRealDefinitions() throws Exception {
        Path dir = Path.of("..", "infrastructure", "statemachine");
        Map<String, String> arns = Map.of("PrepareImportFunctionArn", "p", "SplitFileFunctionArn", "s",
                "ScreenChunkFunctionArn", "sc", "ResolveDuplicatesFunctionArn", "r", "WriteChunkFunctionArn", "w",
                "FinalizeImportFunctionArn", "f", "MarkImportEndedFunctionArn", "m", "WorkBucket", "work",
                "PurgeExpiredImportsFunctionArn", "pu");

        StateMachine.load(Files.readString(dir.resolve("import-leads.asl.json")), arns);
        StateMachine.load(Files.readString(dir.resolve("purge-expired.asl.json")), arns);
    }

    @Test
    void processesInputAndOutputInTheSpecsOrder() {
        String definition = "{'StartAt': 'T', 'States': {" + task("T", null,
                ", 'InputPath': '$.in', 'ResultSelector': {'doubled.$': '$.Payload.v'}, 'ResultPath': '$.result', 'OutputPath': '$.result'")
                + "}}";
        List<JsonNode> payloads = new ArrayList<>();
        Execution execution = executor(definition, (fn, payload) -> {
            payloads.add(payload);
            return json("{'v': " + payload.get("n").asInt() * 2 + "}");
        }).run("e1", json("{'in': {'n': 21}, 'other': 1}"));

        assertThat(execution.status()).isEqualTo(Execution.Status.SUCCEEDED);
        assertThat(payloads).containsExactly(json("{'n': 21}"));
        assertThat(execution.output()).isEqualTo(json("{'doubled': 42}"));
    }

    @Test
    void passParametersReadTheContextObjectAndResultPathNullKeepsTheInput() {
        String definition = "{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'Parameters': {'id.$': '$$.Execution.Name', "
                + "'nested': {'x.$': '$.a'}}, 'ResultPath': '$.p', 'Next': 'Q'}, 'Q': {'Type': 'Pass', 'Result': 1, "
                + "'ResultPath': null, 'End': true}}}";

        Execution execution = executor(definition, (fn, p) -> null).run("run-7", json("{'a': 'A'}"));

        assertThat(execution.output()).isEqualTo(json("{'a': 'A', 'p': {'id': 'run-7', 'nested': {'x': 'A'}}}"));
    }

    @Test
    void choiceFollowsTheFirstMatchingRuleOrTheDefault() {
        String definition = "{'StartAt': 'C', 'States': {'C': {'Type': 'Choice', 'Choices': ["
                + "{'Variable': '$.skip', 'BooleanEquals': true, 'Next': 'Skipped'},"
                + "{'And': [{'Variable': '$.n', 'NumericGreaterThan': 10}, {'Variable': '$.s', 'StringEquals': 'x'}], 'Next': 'Big'}],"
                + "'Default': 'Other'}, 'Skipped': {'Type': 'Pass', 'Result': 'skipped', 'End': true},"
                + "'Big': {'Type': 'Pass', 'Result': 'big', 'End': true}, 'Other': {'Type': 'Succeed'}}}";
        StateMachineExecutor executor = executor(definition, (fn, p) -> null);

        assertThat(executor.run("a", json("{'skip': true}")).output().asText()).isEqualTo("skipped");
        assertThat(executor.run("b", json("{'skip': false, 'n': 11, 's': 'x'}")).output().asText()).isEqualTo("big");
        assertThat(executor.run("c", json("{'skip': false, 'n': 1, 's': 'x'}")).output()).isEqualTo(json("{'skip': false, 'n': 1, 's': 'x'}"));
    }

    @Test
    void inlineMapRunsItemsInParallelAndKeepsTheirOrder() {
        String definition = "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ItemsPath': '$.items', 'MaxConcurrency': 2,"
                + "'ItemProcessor': {'StartAt': 'T', 'States': {" + task("T", null, "") + "}}, 'End': true}}}";
        CountDownLatch bothInFlight = new CountDownLatch(2);
        AtomicInteger parallelSeen = new AtomicInteger();

        Execution execution = executor(definition, (fn, payload) -> {
            bothInFlight.countDown();
            if (bothInFlight.await(10, TimeUnit.SECONDS)) {
                parallelSeen.incrementAndGet();
            }
            return payload;
        }).run("m", json("{'items': [1, 2, 3, 4]}"));

        assertThat(parallelSeen.get()).as("items ran two at a time").isGreaterThanOrEqualTo(2);
        assertThat(execution.output()).isEqualTo(json("[{'ExecutedVersion':'$LATEST','Payload':1,'StatusCode':200},"
                + "{'ExecutedVersion':'$LATEST','Payload':2,'StatusCode':200},{'ExecutedVersion':'$LATEST','Payload':3,'StatusCode':200},"
                + "{'ExecutedVersion':'$LATEST','Payload':4,'StatusCode':200}]"));
    }

    @Test
    void distributedMapReadsItsItemsFromS3() {
        String definition = "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ItemReader': {'Resource': "
                + "'arn:aws:states:::s3:getObject', 'ReaderConfig': {'InputType': 'JSON'}, 'Parameters': {'Bucket': 'work', "
                + "'Key.$': '$.manifest'}}, 'ItemProcessor': {'ProcessorConfig': {'Mode': 'DISTRIBUTED', 'ExecutionType': "
                + "'STANDARD'}, 'StartAt': 'T', 'States': {" + task("T", null, ", 'ResultSelector': {'c.$': '$.Payload.chunk'}")
                + "}}, 'ResultPath': '$.done', 'End': true}}}";
        List<String> read = new ArrayList<>();

        Execution execution = executor(definition, (fn, payload) -> payload, (bucket, key) -> {
            read.add(bucket + "/" + key);
            return "[{'chunk': 0}, {'chunk': 1}]".replace('\'', '"');
        }, 2).run("d", json("{'manifest': 'work/m.json'}"));

        assertThat(read).containsExactly("work/work/m.json");
        assertThat(execution.output()).isEqualTo(json("{'manifest': 'work/m.json', 'done': [{'c': 0}, {'c': 1}]}"));
    }

    @Test
    void aFailingDistributedItemFailsTheMapBeyondTheTolerance() {
        String definition = "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ItemReader': {'Resource': "
                + "'arn:aws:states:::s3:getObject', 'ReaderConfig': {'InputType': 'JSON'}, 'Parameters': {'Bucket': 'b', 'Key': 'k'}},"
                + "'ItemProcessor': {'ProcessorConfig': {'Mode': 'DISTRIBUTED'}, 'StartAt': 'T', 'States': {" + task("T", null, "")
                + "}}, 'ToleratedFailurePercentage': 0, 'End': true}}}";

        Execution execution = executor(definition, (fn, payload) -> {
            throw new IllegalStateException("chunk " + payload.asInt() + " broke");
        }, (b, k) -> "[1]", 2).run("f", json("{}"));

        assertThat(execution.status()).isEqualTo(Execution.Status.FAILED);
        assertThat(execution.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(execution.cause()).contains("java.lang.IllegalStateException").contains("chunk 1 broke");
    }

    @Test
    void retriesWithBackoffThenSucceeds() {
        String definition = "{'StartAt': 'T', 'States': {" + task("T", null, ", 'Retry': [{'ErrorEquals': "
                + "['java.io.UncheckedIOException'], 'IntervalSeconds': 1, 'MaxAttempts': 3, 'BackoffRate': 2.0}]") + "}}";
        AtomicInteger calls = new AtomicInteger();

        Execution execution = executor(definition, (fn, payload) -> {
            if (calls.incrementAndGet() < 3) {
                throw new java.io.UncheckedIOException(new java.io.IOException("throttled"));
            }
            return json("'ok'");
        }).run("r", json("{}"));

        assertThat(execution.status()).isEqualTo(Execution.Status.SUCCEEDED);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(sleeps).containsExactly(1000L, 2000L);
    }

    @Test
    void anErrorNotNamedIsNotRetriedAndFullJitterScalesTheDelay() {
        String definition = "{'StartAt': 'T', 'States': {" + task("T", null, ", 'Retry': [{'ErrorEquals': "
                + "['Nope'], 'MaxAttempts': 5}]") + "}}";
        AtomicInteger calls = new AtomicInteger();

        Execution execution = executor(definition, (fn, payload) -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bad");
        }).run("n", json("{}"));

        assertThat(calls.get()).isEqualTo(1);
        assertThat(execution.error()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(json(execution.cause()).get("errorMessage").asText()).isEqualTo("bad");
    }

    @Test
    void catchRoutesTheErrorToItsStateWithResultPath() {
        String definition = "{'StartAt': 'T', 'States': {" + task("T", null, ", 'Catch': [{'ErrorEquals': ['States.ALL'], "
                + "'ResultPath': '$.error', 'Next': 'Handle'}]") + ", 'Handle': {'Type': 'Pass', 'End': true}}}";

        Execution execution = executor(definition, (fn, payload) -> {
            throw new IllegalStateException("boom");
        }).run("c", json("{'file': 'f.csv'}"));

        assertThat(execution.status()).isEqualTo(Execution.Status.SUCCEEDED);
        assertThat(execution.output().get("file").asText()).isEqualTo("f.csv");
        assertThat(execution.output().get("error").get("Error").asText()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void aMissingPathIsARuntimeErrorThatStatesAllDoesNotCatch() {
        String definition = "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', "
                + "'Parameters': {'FunctionName': 'f', 'Payload.$': '$.missing'}, 'Catch': [{'ErrorEquals': ['States.ALL'], "
                + "'Next': 'H'}], 'End': true}, 'H': {'Type': 'Succeed'}}}";

        Execution execution = executor(definition, (fn, payload) -> payload).run("p", json("{}"));

        assertThat(execution.status()).isEqualTo(Execution.Status.FAILED);
        assertThat(execution.error()).isEqualTo("States.Runtime");
    }

    @Test
    void failStateEndsTheExecutionWithItsError() {
        Execution execution = executor("{'StartAt': 'F', 'States': {'F': {'Type': 'Fail', 'Error': 'ImportFailed', "
                + "'Cause': 'see history'}}}", (fn, p) -> null).run("x", json("{}"));

        assertThat(execution.error()).isEqualTo("ImportFailed");
        assertThat(execution.cause()).isEqualTo("see history");
    }

    @Test
    void aNameThatAlreadyRanStartsNothingNew() {
        AtomicInteger calls = new AtomicInteger();
        StateMachineExecutor executor = executor("{'StartAt': 'T', 'States': {" + task("T", null, "") + "}}",
                (fn, payload) -> json(String.valueOf(calls.incrementAndGet())));

        Execution first = executor.run("same", json("{}"));
        Execution again = executor.run("same", json("{}"));

        assertThat(calls.get()).isEqualTo(1);
        assertThat(again).isSameAs(first);
    }

    @Test
    void refusesWhatItDoesNotRunAtLoad() {
        assertThatThrownBy(() -> StateMachine.load("{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 1, \"End\": true}}}", Map.of()))
                .isInstanceOf(DefinitionException.class).hasMessage("state 'W': type 'Wait' is not supported by the local executor");
        assertThatThrownBy(() -> StateMachine.load(("{'StartAt': 'T', 'States': {" + task("T", null, ", 'HeartbeatSeconds': 5")
                + "}}").replace('\'', '"'), Map.of()))
                .hasMessage("state 'T': field 'HeartbeatSeconds' is not supported by the local executor");
        assertThatThrownBy(() -> StateMachine.load(("{'StartAt': 'T', 'States': {" + task("T", "Nowhere", "") + "}}")
                .replace('\'', '"'), Map.of()))
                .hasMessage("state 'T': transition to 'Nowhere', which is not a state");
        assertThatThrownBy(() -> StateMachine.load("{\"StartAt\": \"${Start}\", \"States\": {}}", Map.of()))
                .hasMessage("the definition uses ${Start} but no substitution gives it");
        assertThatThrownBy(() -> StateMachine.load(("{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'Parameters': "
                + "{'x.$': 'States.UUID()'}, 'End': true}}}").replace('\'', '"'), Map.of()))
                .hasMessage("state 'P' Parameters: intrinsic function 'States.UUID()' is not supported by the local executor");
    }
}
