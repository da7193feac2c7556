package com.leadimport.local.sfn;

import static com.leadimport.local.sfn.Fixtures.json;
import static com.leadimport.local.sfn.Fixtures.machine;
import static com.leadimport.local.sfn.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MapStateTest {

    private final Fixtures fixtures = new Fixtures();

    private static final String DISTRIBUTED = "'ProcessorConfig': {'Mode': 'DISTRIBUTED', 'ExecutionType': 'STANDARD'}";

    @Test
    void inlineMapRunsItemsTwoAtATimeAndKeepsTheirOrder() throws Exception {
        String definition = machine("M", "'M': {'Type': 'Map', 'ItemsPath': '$.items', 'MaxConcurrency': 2, "
                + "'ItemProcessor': {'StartAt': 'T', 'States': {" + task("T", null, ", 'OutputPath': '$.Payload'")
                + "}}, 'End': true}");
        CountDownLatch twoInFlight = new CountDownLatch(2);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        List<Boolean> released = Collections.synchronizedList(new ArrayList<>());

        Execution execution = fixtures.executor(definition, (fn, payload) -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            twoInFlight.countDown();
            // returns only once two items were in flight together: a sequential Map would time out here
            released.add(twoInFlight.await(10, TimeUnit.SECONDS));
            inFlight.decrementAndGet();
            return json("{'v': " + payload.asInt() * 10 + "}");
        }).run("m", json("{'items': [1, 2, 3, 4, 5]}"));

        assertThat(released).hasSize(5).containsOnly(true);
        assertThat(mostInFlight.get()).as("never more than MaxConcurrency").isEqualTo(2);
        assertThat(execution.output()).isEqualTo(json("[{'v': 10}, {'v': 20}, {'v': 30}, {'v': 40}, {'v': 50}]"));
    }

    @Test
    void maxConcurrencyZeroRunsAllItemsAtOnce() {
        String definition = machine("M", "'M': {'Type': 'Map', 'MaxConcurrency': 0, "
                + "'ItemProcessor': {'StartAt': 'T', 'States': {" + task("T", null, "") + "}}, 'ResultSelector': "
                + "{'n.$': 'States.ArrayLength($)'}, 'End': true}");
        CountDownLatch allInFlight = new CountDownLatch(6);

        Execution execution = fixtures.executor(definition, (fn, payload) -> {
            allInFlight.countDown();
            return json(String.valueOf(allInFlight.await(10, TimeUnit.SECONDS)));
        }).run("m", json("[1, 2, 3, 4, 5, 6]"));

        assertThat(execution.output()).isEqualTo(json("{'n': 6}"));
        assertThat(allInFlight.getCount()).isZero();
    }

    @Test
    void itemSelectorSeesTheMapItemAndTheStateInput() {
        String definition = machine("M", "'M': {'Type': 'Map', 'ItemsPath': '$.rows', 'ItemSelector': {'index.$': "
                + "'$$.Map.Item.Index', 'row.$': '$$.Map.Item.Value', 'file.$': '$.file'}, "
                + "'ItemProcessor': {'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'End': true}}}, 'ResultPath': '$.out', "
                + "'End': true}");

        Execution execution = fixtures.executor(definition).run("m", json("{'file': 'f', 'rows': ['a', 'b']}"));

        assertThat(execution.output().get("out")).isEqualTo(json("[{'index': 0, 'row': 'a', 'file': 'f'}, "
                + "{'index': 1, 'row': 'b', 'file': 'f'}]"));
    }

    @Test
    void legacyParametersWorkLikeItemSelector() {
        String definition = machine("M", "'M': {'Type': 'Map', 'Parameters': {'v.$': '$$.Map.Item.Value'}, "
                + "'ItemProcessor': {'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'End': true}}}, 'End': true}");

        assertThat(fixtures.executor(definition).run("m", json("[1, 2]")).output()).isEqualTo(json("[{'v': 1}, {'v': 2}]"));
    }

    @Test
    void aFailingInlineIterationFailsTheMapWithItsErrorWhichCatchHandles() {
        String definition = machine("M", "'M': {'Type': 'Map', 'MaxConcurrency': 1, 'ItemProcessor': {'StartAt': 'T', "
                + "'States': {" + task("T", null, "") + "}}, 'Catch': [{'ErrorEquals': ['java.lang.IllegalStateException'], "
                + "'Next': 'Handled'}], 'End': true}, 'Handled': {'Type': 'Pass', 'End': true}");
        AtomicInteger calls = new AtomicInteger();

        Execution execution = fixtures.executor(definition, (fn, payload) -> {
            calls.incrementAndGet();
            if (payload.asInt() == 2) {
                throw new IllegalStateException("item 2 broke");
            }
            return payload;
        }).run("m", json("[1, 2, 3, 4]"));

        assertThat(execution.status()).isEqualTo(Execution.Status.SUCCEEDED);
        assertThat(execution.output().get("Error").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(calls.get()).as("no item starts once the Map is failing").isEqualTo(2);
    }

    @Test
    void distributedMapReadsItsItemsFromS3AndBatchesThem() {
        String definition = machine("M", "'M': {'Type': 'Map', 'ItemReader': {'Resource': 'arn:aws:states:::s3:getObject', "
                + "'ReaderConfig': {'InputType': 'JSON'}, 'Parameters': {'Bucket.$': '$.bucket', 'Key.$': '$.manifest'}}, "
                + "'ItemSelector': {'chunk.$': '$$.Map.Item.Value.chunk', 'at.$': '$$.Map.Item.Index'}, "
                + "'ItemBatcher': {'MaxItemsPerBatch': 2, 'BatchInput': {'importId.$': '$.importId', 'fixed': 1}}, "
                + "'MaxConcurrency': 40, 'ItemProcessor': {" + DISTRIBUTED + ", 'StartAt': 'T', 'States': {"
                + task("T", null, ", 'ResultSelector': {'got.$': '$.Payload'}") + "}}, 'ResultPath': '$.done', 'End': true}");
        List<String> reads = new ArrayList<>();
        List<JsonNode> payloads = Collections.synchronizedList(new ArrayList<>());

        Execution execution = fixtures.builder(definition, (fn, payload) -> {
            payloads.add(payload);
            return json("{'count': " + payload.get("Items").size() + "}");
        }).objects((bucket, key) -> {
            reads.add(bucket + "/" + key);
            return "[{\"chunk\": 0}, {\"chunk\": 1}, {\"chunk\": 2}, {\"chunk\": 3}, {\"chunk\": 4}]";
        }).build().run("d", json("{'bucket': 'work', 'manifest': 'imp-1/manifest.json', 'importId': 'imp-1'}"));

        assertThat(execution.status()).as(execution.cause()).isEqualTo(Execution.Status.SUCCEEDED);
        assertThat(reads).containsExactly("work/imp-1/manifest.json");
        assertThat(payloads).containsExactlyInAnyOrder(
                json("{'BatchInput': {'importId': 'imp-1', 'fixed': 1}, 'Items': [{'chunk': 0, 'at': 0}, {'chunk': 1, 'at': 1}]}"),
                json("{'BatchInput': {'importId': 'imp-1', 'fixed': 1}, 'Items': [{'chunk': 2, 'at': 2}, {'chunk': 3, 'at': 3}]}"),
                json("{'BatchInput': {'importId': 'imp-1', 'fixed': 1}, 'Items': [{'chunk': 4, 'at': 4}]}"));
        assertThat(execution.output().get("done")).isEqualTo(json("[{'got': {'count': 2}}, {'got': {'count': 2}}, "
                + "{'got': {'count': 1}}]"));
    }

    @Test
    void distributedChildrenAreChildExecutions() {
        String definition = machine("M", "'M': {'Type': 'Map', 'ItemProcessor': {" + DISTRIBUTED + ", 'StartAt': 'P', "
                + "'States': {'P': {'Type': 'Pass', 'Parameters': {'input.$': '$$.Execution.Input', 'id.$': '$$.Execution.Id'}, "
                + "'End': true}}}, 'End': true}");

        JsonNode output = fixtures.executor(definition).run("parent", json("[{'a': 1}]")).output();

        assertThat(output.get(0).get("input")).isEqualTo(json("{'a': 1}"));
        assertThat(output.get(0).get("id").asText()).startsWith("arn:aws:states:local:000000000000:execution:test:parent/M[0]:");
    }

    @Test
    void distributedFailuresBeyondTheToleranceFailTheMap() {
        String definition = machine("M", "'M': {'Type': 'Map', 'ItemProcessor': {" + DISTRIBUTED + ", 'StartAt': 'T', "
                + "'States': {" + task("T", null, "") + "}}, 'MaxConcurrency': 1, 'End': true}");

        Execution execution = fixtures.executor(definition, (fn, payload) -> {
            throw new IllegalStateException("chunk " + payload.asInt() + " broke");
        }).run("f", json("[1, 2]"));

        assertThat(execution.status()).isEqualTo(Execution.Status.FAILED);
        assertThat(execution.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(execution.cause()).contains("1 of 2 items failed").contains("java.lang.IllegalStateException")
                .contains("chunk 1 broke");
    }

    @Test
    void distributedFailuresWithinTheToleranceLeaveNullSlots() {
        String definition = machine("M", "'M': {'Type': 'Map', 'ItemProcessor': {" + DISTRIBUTED + ", 'StartAt': 'T', "
                + "'States': {" + task("T", null, ", 'OutputPath': '$.Payload'") + "}}, 'ToleratedFailureCount': 1, "
                + "'ToleratedFailurePercentage': 50, 'End': true}");
        TaskInvoker oddsFail = (fn, payload) -> {
            if (payload.asInt() % 2 == 1) {
                throw new IllegalStateException("odd");
            }
            return payload;
        };

        assertThat(fixtures.executor(definition, oddsFail).run("ok", json("[1, 2, 4, 6]")).output())
                .isEqualTo(json("[null, 2, 4, 6]"));
        assertThat(fixtures.executor(definition, oddsFail).run("count", json("[1, 3, 4, 6, 8]")).error())
                .as("2 failures > ToleratedFailureCount 1").isEqualTo("States.ExceedToleratedFailureThreshold");
    }
}
