package com.leadimport.local.sfn;

import static com.leadimport.local.sfn.Fixtures.json;
import static com.leadimport.local.sfn.Fixtures.machine;
import static com.leadimport.local.sfn.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputOutputProcessingTest {

    private final Fixtures fixtures = new Fixtures();

    @Test
    void appliesInputPathParametersResultSelectorResultPathOutputPathInOrder() {
        String definition = machine("T", "'T': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', "
                + "'InputPath': '$.in', 'Parameters': {'FunctionName': 'double', 'Payload': {'n.$': '$.n', 'fixed': 'x'}}, "
                + "'ResultSelector': {'doubled.$': '$.Payload.v', 'status.$': '$.StatusCode'}, 'ResultPath': '$.result', "
                + "'OutputPath': '$.result', 'End': true}");
        List<String> calls = new ArrayList<>();

        Execution execution = fixtures.executor(definition, (fn, payload) -> {
            calls.add(fn + " " + payload);
            return json("{'v': " + payload.get("n").asInt() * 2 + "}");
        }).run("e1", json("{'in': {'n': 21}, 'other': 1}"));

        assertThat(execution.status()).isEqualTo(Execution.Status.SUCCEEDED);
        assertThat(calls).containsExactly("double {\"n\":21,\"fixed\":\"x\"}");
        assertThat(execution.output()).isEqualTo(json("{'doubled': 42, 'status': 200}"));
    }

    @Test
    void lambdaInvokeResultLooksLikeAwsAndResultPathPlacesItInTheRawInput() {
        String definition = machine("T", task("T", null, ", 'InputPath': '$.a', 'ResultPath': '$.b.c'"));

        Execution execution = fixtures.executor(definition, (fn, payload) -> json("{'echo': " + payload + "}"))
                .run("e", json("{'a': 1, 'b': {'keep': true}}"));

        assertThat(execution.output()).isEqualTo(json("{'a': 1, 'b': {'keep': true, 'c': {'ExecutedVersion': '$LATEST', "
                + "'Payload': {'echo': 1}, 'StatusCode': 200}}}"));
    }

    @Test
    void aFunctionAsTheResourceGetsTheEffectiveInputAndReturnsItsOwnResult() {
        String definition = machine("T", "'T': {'Type': 'Task', 'Resource': "
                + "'arn:aws:lambda:eu-west-2:123456789012:function:Prepare', 'Parameters': {'id.$': '$.x'}, 'End': true}");
        List<String> functions = new ArrayList<>();

        Execution execution = fixtures.executor(definition, (fn, payload) -> {
            functions.add(fn);
            return payload;
        }).run("e", json("{'x': 'A'}"));

        assertThat(functions).containsExactly("arn:aws:lambda:eu-west-2:123456789012:function:Prepare");
        assertThat(execution.output()).isEqualTo(json("{'id': 'A'}"));
    }

    @Test
    void passParametersReadTheContextObjectAndResultPathNullKeepsTheInput() {
        String definition = machine("P", "'P': {'Type': 'Pass', 'Parameters': {'name.$': '$$.Execution.Name', "
                + "'id.$': '$$.Execution.Id', 'state.$': '$$.State.Name', 'nested': [{'x.$': '$.a[1]'}]}, "
                + "'ResultPath': '$.p', 'Next': 'Q'}, 'Q': {'Type': 'Pass', 'Result': 1, 'ResultPath': null, 'End': true}");

        Execution execution = fixtures.executor(definition).run("run-7", json("{'a': ['A', 'B']}"));

        assertThat(execution.output()).isEqualTo(json("{'a': ['A', 'B'], 'p': {'name': 'run-7', "
                + "'id': 'arn:aws:states:local:000000000000:execution:test:run-7', 'state': 'P', 'nested': [{'x': 'B'}]}}"));
    }

    @Test
    void passResultReplacesTheInputAndNullInputAndOutputPathsGiveEmptyObjects() {
        String definition = machine("A", "'A': {'Type': 'Pass', 'Result': {'r': 1}, 'ResultPath': '$.res', 'Next': 'B'},"
                + "'B': {'Type': 'Pass', 'InputPath': null, 'ResultPath': '$.seen', 'Next': 'C'},"
                + "'C': {'Type': 'Pass', 'OutputPath': null, 'Next': 'D'}, 'D': {'Type': 'Succeed', 'InputPath': '$'}");
        StateMachineExecutor executor = fixtures.executor(definition);

        assertThat(executor.run("x", json("{'in': 1}")).output()).isEqualTo(json("{}"));
        assertThat(fixtures.executor(machine("A", "'A': {'Type': 'Pass', 'Result': {'r': 1}, 'ResultPath': '$.res', "
                + "'Next': 'B'}, 'B': {'Type': 'Pass', 'InputPath': null, 'ResultPath': '$.seen', 'End': true}"))
                .run("y", json("{'in': 1}")).output()).isEqualTo(json("{'in': 1, 'res': {'r': 1}, 'seen': {}}"));
    }

    @Test
    void parametersRunIntrinsicFunctions() {
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {
                  "greeting.$": "States.Format('Hello {}, you are {} \\\\{not a slot\\\\}', $.name, $.age)",
                  "parsed.$": "States.StringToJson($.text)",
                  "text.$": "States.JsonToString($.obj)",
                  "array.$": "States.Array('a', 1, $.name, States.MathAdd($.age, -1))",
                  "length.$": "States.ArrayLength($.list)",
                  "sum.$": "States.MathAdd(2, $.age)",
                  "id.$": "States.UUID()",
                  "hash.$": "States.Hash('abc', 'SHA-256')",
                  "quoted.$": "States.Format('it\\\\'s {}', $$.Execution.Name)"
                }, "End": true}}}""";

        Execution execution = fixtures.executor(definition).run("n1", json("{'name': 'Ann', 'age': 40, "
                + "'text': '{\\\"a\\\":[1,2]}', 'obj': {'k': 'v'}, 'list': [1, 2, 3]}"));

        assertThat(execution.status()).as(execution.cause()).isEqualTo(Execution.Status.SUCCEEDED);
        JsonNode out = execution.output();
        assertThat(out.get("greeting").asText()).isEqualTo("Hello Ann, you are 40 {not a slot}");
        assertThat(out.get("parsed")).isEqualTo(json("{'a': [1, 2]}"));
        assertThat(out.get("text").asText()).isEqualTo("{\"k\":\"v\"}");
        assertThat(out.get("array")).isEqualTo(json("['a', 1, 'Ann', 39]"));
        assertThat(out.get("length").asInt()).isEqualTo(3);
        assertThat(out.get("sum").asInt()).isEqualTo(42);
        assertThat(out.get("id").asText()).isEqualTo("00000000-0000-4000-8000-000000000001");
        assertThat(out.get("hash").asText()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(out.get("quoted").asText()).isEqualTo("it's n1");
    }

    @Test
    void aFailingIntrinsicIsAnIntrinsicFailure() {
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"x.$": "States.StringToJson($.s)"},
                 "End": true}}}""";

        Execution execution = fixtures.executor(definition).run("bad", json("{'s': 'not json'}"));

        assertThat(execution.error()).isEqualTo("States.IntrinsicFailure");
    }

    @Test
    void aMissingPathIsAStatesRuntimeError() {
        Execution execution = fixtures.executor(machine("P", "'P': {'Type': 'Pass', 'Parameters': {'x.$': '$.missing'}, "
                + "'End': true}")).run("m", json("{'a': 1}"));

        assertThat(execution.status()).isEqualTo(Execution.Status.FAILED);
        assertThat(execution.error()).isEqualTo("States.Runtime");
        assertThat(execution.cause()).contains("'$.missing'").contains("could not be found");
    }

    @Test
    void aResultPathThroughANonObjectIsAResultPathMatchFailure() {
        Execution execution = fixtures.executor(machine("P", "'P': {'Type': 'Pass', 'Result': 1, 'ResultPath': '$.a.b', "
                + "'End': true}")).run("m", json("{'a': 'text'}"));

        assertThat(execution.error()).isEqualTo("States.ResultPathMatchFailure");
    }
}
