package com.leadimport.local.sfn;

import static com.leadimport.local.sfn.Fixtures.machine;
import static com.leadimport.local.sfn.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionLoadingTest {

    static final Map<String, String> ARNS = Map.ofEntries(Map.entry("PrepareImportFunctionArn", "p"),
            Map.entry("SplitFileFunctionArn", "s"), Map.entry("ScreenChunkFunctionArn", "sc"),
            Map.entry("ResolveDuplicatesFunctionArn", "r"), Map.entry("WriteChunkFunctionArn", "w"),
            Map.entry("FinalizeImportFunctionArn", "f"), Map.entry("MarkImportEndedFunctionArn", "m"), Map.entry("WorkBucket", "work"),
            Map.entry("PurgeExpiredImportsFunctionArn", "pu"), Map.entry("LeaseListsFunctionArn", "l"),
            Map.entry("PrepareListFunctionArn", "pl"), Map.entry("WriteKeysFunctionArn", "wk"));

    private static void refused(String definition, String message) {
        assertThatThrownBy(() -> Fixtures.load(definition)).isInstanceOf(DefinitionException.class).hasMessage(message);
    }

    @Test
    void loadsEveryRealDefinition() throws Exception {
        Path dir = Path.of("..", "infrastructure", "statemachine");
        for (String file : new String[] {"import-leads.asl.json", "purge-expired.asl.json", "import-stopped.asl.json"}) {
            assertThatCode(() -> StateMachine.load(Files.readString(dir.resolve(file)), ARNS)).doesNotThrowAnyException();
        }
    }

    @Test
    void refusesAnUnknownStateType() {
        refused(machine("X", "'X': {'Type': 'Activity', 'End': true}"),
                "state 'X': type 'Activity' is not supported by the local executor");
    }

    @Test
    void refusesUnknownAndUnsupportedFieldsNamingStateAndField() {
        refused(machine("Split", task("Split", null, ", 'HeartbeatSeconds': 5")),
                "state 'Split': field 'HeartbeatSeconds' is not supported by the local executor");
        refused(machine("Split", task("Split", null, ", 'Heartbeat': 5")),
                "state 'Split': field 'Heartbeat' is not supported by the local executor");
        refused("{'StartAt': 'P', 'TimeoutSeconds': 0, 'States': {'P': {'Type': 'Pass', 'End': true}}}",
                "definition: TimeoutSeconds must be a positive integer");
        refused("{'StartAt': 'P', 'HeartbeatSeconds': 60, 'States': {'P': {'Type': 'Pass', 'End': true}}}",
                "definition: field 'HeartbeatSeconds' is not supported by the local executor");
        refused(machine("M", "'M': {'Type': 'Map', 'ResultWriter': {}, 'ItemProcessor': {'ProcessorConfig': "
                + "{'Mode': 'DISTRIBUTED', 'ExecutionType': 'STANDARD'}, 'StartAt': 'P', 'States': {'P': {'Type': 'Pass', "
                + "'End': true}}}, 'End': true}"), "state 'M': field 'ResultWriter' is not supported by the local executor");
        refused(machine("M", "'M': {'Type': 'Map', 'Iterator': {}, 'End': true}"),
                "state 'M': field 'Iterator' is not supported by the local executor");
        refused(machine("T", task("T", null, ", 'Retry': [{'ErrorEquals': ['States.ALL'], 'Backoff': 2}]")),
                "state 'T' Retry[0]: field 'Backoff' is not supported by the local executor");
    }

    @Test
    void refusesResourcesOtherThanLambda() {
        refused(machine("T", "'T': {'Type': 'Task', 'Resource': 'arn:aws:states:::dynamodb:putItem', 'End': true}"),
                "state 'T': Resource 'arn:aws:states:::dynamodb:putItem' is not supported by the local executor "
                        + "(only Lambda functions, by ARN or through arn:aws:states:::lambda:invoke)");
        refused(machine("T", "'T': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', "
                        + "'Parameters': {'FunctionName': 'f', 'Payload.$': '$', 'InvocationType': 'Event'}, 'End': true}"),
                "state 'T' Parameters: field 'InvocationType' is not supported by the local executor");
        assertThatCode(() -> Fixtures.load(machine("T", "'T': {'Type': 'Task', 'Resource': "
                + "'arn:aws:lambda:eu-west-2:123456789012:function:Prepare:live', 'End': true}"))).doesNotThrowAnyException();
    }

    @Test
    void refusesTransitionsToNoState() {
        refused(machine("T", task("T", "Nowhere", "")), "state 'T' Next: transition to 'Nowhere', which is not a state");
        refused("{'StartAt': 'Missing', 'States': {'P': {'Type': 'Pass', 'End': true}}}",
                "definition: StartAt 'Missing' is not a state");
        refused(machine("C", "'C': {'Type': 'Choice', 'Choices': [{'Variable': '$.a', 'IsPresent': true, 'Next': 'E'}], "
                + "'Default': 'Gone'}, 'E': {'Type': 'Succeed'}"), "state 'C' Default: transition to 'Gone', which is not a state");
        refused(machine("T", task("T", null, ", 'Catch': [{'ErrorEquals': ['States.ALL'], 'Next': 'Gone'}]")),
                "state 'T' Catch[0] Next: transition to 'Gone', which is not a state");
    }

    @Test
    void refusesUnreachableStatesAndMachinesThatCannotEnd() {
        refused(machine("A", "'A': {'Type': 'Pass', 'End': true}, 'B': {'Type': 'Pass', 'End': true}"),
                "state 'B': is not reachable from StartAt 'A'");
        refused(machine("A", "'A': {'Type': 'Pass', 'Next': 'B'}, 'B': {'Type': 'Pass', 'Next': 'A'}"),
                "definition: no state ends the machine (End, Succeed or Fail)");
        refused(machine("A", "'A': {'Type': 'Pass', 'Next': 'B', 'End': true}, 'B': {'Type': 'Succeed'}"),
                "state 'A': needs exactly one of Next or End");
    }

    @Test
    void refusesAnUnreplacedPlaceholder() {
        assertThatThrownBy(() -> StateMachine.load("{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", "
                + "\"Resource\": \"${PrepareFunctionArn}\", \"End\": true}}}", Map.of("Other", "x")))
                .isInstanceOf(DefinitionException.class)
                .hasMessage("the definition uses ${PrepareFunctionArn} but no substitution gives it");
    }

    @Test
    void refusesIntrinsicsItDoesNotRunAndBadPaths() {
        refused("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Parameters\": "
                        + "{\"x.$\": \"States.ArrayContains($.a, 1)\"}, \"End\": true}}}",
                "state 'P' Parameters field 'x.$': intrinsic function 'States.ArrayContains' is not supported by the local executor");
        refused("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Parameters\": "
                        + "{\"x.$\": \"States.MathAdd(1)\"}, \"End\": true}}}",
                "state 'P' Parameters field 'x.$': States.MathAdd takes 2 arguments, not 1");
        refused(machine("P", "'P': {'Type': 'Pass', 'InputPath': '$.items[*].id', 'End': true}"),
                "state 'P' InputPath: '$.items[*].id' uses [*], which the local executor does not support "
                        + "(only array indexes and quoted names)");
        refused(machine("P", "'P': {'Type': 'Pass', 'Parameters': {'x.$': 'not a path'}, 'End': true}"),
                "state 'P' Parameters field 'x.$': 'not a path' is not a path (it must start with $)");
    }

    @Test
    void refusesMalformedChoiceRetryAndMapFields() {
        refused(machine("C", "'C': {'Type': 'Choice', 'Choices': [{'Variable': '$.a', 'StringEquals': 1, 'Next': 'E'}]},"
                + "'E': {'Type': 'Succeed'}"), "state 'C' Choices StringEquals: 1 is not a valid operand");
        refused(machine("C", "'C': {'Type': 'Choice', 'Choices': [{'Variable': '$.a', 'StringContains': 'x', 'Next': 'E'}]},"
                + "'E': {'Type': 'Succeed'}"), "state 'C' Choices: choice rule field 'StringContains' is not supported by the local executor");
        refused(machine("T", task("T", null, ", 'Retry': [{'ErrorEquals': ['States.ALL', 'X']}]")),
                "state 'T' Retry[0]: States.ALL must appear alone, in the last retrier or catcher");
        refused(machine("M", "'M': {'Type': 'Map', 'ItemBatcher': {'MaxItemsPerBatch': 2}, 'ItemProcessor': "
                + "{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'End': true}}}, 'End': true}"),
                "state 'M': ItemBatcher needs ProcessorConfig Mode DISTRIBUTED");
        refused(machine("M", "'M': {'Type': 'Map', 'ItemProcessor': {'ProcessorConfig': {'Mode': 'DISTRIBUTED', "
                + "'ExecutionType': 'EXPRESS'}, 'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'End': true}}}, 'End': true}"),
                "state 'M' ItemProcessor ProcessorConfig: ExecutionType 'EXPRESS' is not supported by the local executor (only STANDARD)");
        refused(machine("M", "'M': {'Type': 'Map', 'ItemReader': {'Resource': 'arn:aws:states:::s3:listObjectsV2', "
                + "'Parameters': {'Bucket': 'b', 'Key': 'k'}}, 'ItemProcessor': {'ProcessorConfig': {'Mode': 'DISTRIBUTED', "
                + "'ExecutionType': 'STANDARD'}, 'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'End': true}}}, 'End': true}"),
                "state 'M' ItemReader: Resource 'arn:aws:states:::s3:listObjectsV2' is not supported by the local executor "
                        + "(only arn:aws:states:::s3:getObject)");
        refused(machine("M", "'M': {'Type': 'Map', 'ItemBatcher': {'MaxInputBytesPerBatch': 1024}, 'ItemProcessor': "
                + "{'ProcessorConfig': {'Mode': 'DISTRIBUTED', 'ExecutionType': 'STANDARD'}, 'StartAt': 'P', "
                + "'States': {'P': {'Type': 'Pass', 'End': true}}}, 'End': true}"),
                "state 'M' ItemBatcher: field 'MaxInputBytesPerBatch' is not supported by the local executor");
    }

    @Test
    void refusesInvalidJsonAndDuplicateKeys() {
        assertThatThrownBy(() -> StateMachine.load("{\"StartAt\": \"P\",", Map.of()))
                .isInstanceOf(DefinitionException.class).hasMessageStartingWith("the definition is not valid JSON");
        assertThatThrownBy(() -> StateMachine.load("{\"StartAt\": \"P\", \"StartAt\": \"Q\", \"States\": {}}", Map.of()))
                .isInstanceOf(DefinitionException.class).hasMessageStartingWith("the definition is not valid JSON");
    }
}
