package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Load-time checks of a definition: every state type and every field is one both AWS and
 * the local executor run; paths, payload templates, intrinsic functions, choice rules,
 * retriers and catchers are well formed; every transition has a target, every state is
 * reachable from StartAt and the machine can end. A failed check is a
 * {@link DefinitionException} naming the state and the field.
 */
final class DefinitionValidator {

    static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    static final String S3_GET_OBJECT = "arn:aws:states:::s3:getObject";

    private static final Set<String> IO = Set.of("Type", "Comment", "InputPath", "OutputPath");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Pass", union(IO, "Next", "End", "Parameters", "Result", "ResultPath"),
            "Task", union(IO, "Next", "End", "Resource", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
                    "TimeoutSeconds"),
            "Choice", union(IO, "Choices", "Default"),
            "Wait", union(IO, "Next", "End", "Seconds", "SecondsPath", "Timestamp", "TimestampPath"),
            "Succeed", IO,
            "Fail", Set.of("Type", "Comment", "Error", "Cause", "ErrorPath", "CausePath"),
            "Parallel", union(IO, "Next", "End", "Branches", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch"),
            "Map", union(IO, "Next", "End", "ItemProcessor", "ItemsPath", "ItemSelector", "Parameters", "ItemReader",
                    "ItemBatcher", "MaxConcurrency", "ToleratedFailurePercentage", "ToleratedFailureCount", "Label",
                    "ResultPath", "ResultSelector", "Retry", "Catch"));
    private static final Set<String> TRANSITIONING = Set.of("Pass", "Task", "Wait", "Parallel", "Map");
    private static final Set<String> RETRY_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
            "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCH_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Comment");
    private static final Set<String> LAMBDA_PARAMETERS = Set.of("FunctionName", "Payload", "Qualifier");

    private DefinitionValidator() {
    }

    static void checkTopLevel(JsonNode machine) {
        if (!machine.isObject()) {
            throw new DefinitionException("the definition must be a JSON object");
        }
        for (Iterator<String> names = machine.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("Comment", "StartAt", "States", "Version", "QueryLanguage", "TimeoutSeconds").contains(name)) {
                throw new DefinitionException("definition: field '" + name + "' is not supported by the local executor");
            }
        }
        if (machine.has("QueryLanguage") && !"JSONPath".equals(machine.get("QueryLanguage").asText())) {
            throw new DefinitionException("definition: QueryLanguage '" + machine.get("QueryLanguage").asText()
                    + "' is not supported by the local executor (only JSONPath)");
        }
        if (machine.has("Version") && !"1.0".equals(machine.get("Version").asText())) {
            throw new DefinitionException("definition: Version must be \"1.0\"");
        }
        if (machine.has("TimeoutSeconds") && !positiveInt(machine.get("TimeoutSeconds"))) {
            throw new DefinitionException("definition: TimeoutSeconds must be a positive integer");
        }
        checkStates(machine, "definition");
    }

    /** StartAt and States of a machine, a Map's ItemProcessor or a Parallel branch. */
    private static void checkStates(JsonNode machine, String where) {
        JsonNode states = machine.get("States");
        if (!machine.path("StartAt").isTextual() || states == null || !states.isObject() || states.isEmpty()) {
            throw new DefinitionException(where + ": StartAt and a non-empty States are required");
        }
        String startAt = machine.get("StartAt").asText();
        if (!states.has(startAt)) {
            throw new DefinitionException(where + ": StartAt '" + startAt + "' is not a state");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> state = it.next();
            if (state.getKey().isEmpty() || state.getKey().length() > 80) {
                throw new DefinitionException(where + ": state name '" + state.getKey() + "' must be 1 to 80 characters");
            }
            checkState(state.getKey(), state.getValue(), states);
        }
        checkReachability(startAt, states, where);
    }

    private static void checkState(String name, JsonNode state, JsonNode states) {
        String where = "state '" + name + "'";
        if (!state.isObject()) {
            throw new DefinitionException(where + ": must be an object");
        }
        String type = state.path("Type").asText();
        Set<String> allowed = FIELDS.get(type);
        if (allowed == null) {
            throw new DefinitionException(where + ": type '" + type + "' is not supported by the local executor");
        }
        checkFields(state, allowed, where);
        if (TRANSITIONING.contains(type)) {
            boolean next = state.has("Next");
            boolean end = state.has("End");
            if (next == end) {
                throw new DefinitionException(where + ": needs exactly one of Next or End");
            }
            if (end && !state.get("End").asBoolean(false)) {
                throw new DefinitionException(where + ": End must be true");
            }
            if (next) {
                target(state.get("Next"), states, where + " Next");
            }
        }
        for (String pathField : List.of("InputPath", "OutputPath", "ItemsPath")) {
            if (state.has(pathField) && !state.get(pathField).isNull()) {
                checkPath(state.get(pathField), where + " " + pathField);
            }
        }
        if (state.has("ItemsPath") && state.get("ItemsPath").isNull()) {
            throw new DefinitionException(where + ": ItemsPath cannot be null");
        }
        if (state.has("ResultPath") && !state.get("ResultPath").isNull()) {
            checkResultPath(state.get("ResultPath"), where + " ResultPath");
        }
        for (String template : List.of("Parameters", "ResultSelector", "ItemSelector")) {
            if (state.has(template)) {
                PayloadTemplate.check(state.get(template), where + " " + template);
            }
        }
        if (state.has("ResultSelector") && !state.get("ResultSelector").isObject()) {
            throw new DefinitionException(where + ": ResultSelector must be an object");
        }
        switch (type) {
            case "Task" -> checkTask(state, where);
            case "Choice" -> checkChoice(state, states, where);
            case "Wait" -> checkWait(state, where);
            case "Fail" -> checkFail(state, where);
            case "Map" -> MapValidator.check(state, where);
            case "Parallel" -> checkParallel(state, where);
            default -> {
            }
        }
        checkRetry(state.path("Retry"), where);
        checkCatch(state.path("Catch"), states, where);
    }

    private static void checkTask(JsonNode state, String where) {
        if (!state.path("Resource").isTextual()) {
            throw new DefinitionException(where + ": Resource is required");
        }
        String resource = state.get("Resource").asText();
        if (resource.equals(LAMBDA_INVOKE)) {
            JsonNode parameters = state.path("Parameters");
            if (!parameters.isObject()) {
                throw new DefinitionException(where + ": " + LAMBDA_INVOKE + " needs Parameters");
            }
            for (Iterator<String> names = parameters.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!LAMBDA_PARAMETERS.contains(field.replaceFirst("\\.\\$$", ""))) {
                    throw new DefinitionException(where + " Parameters: field '" + field
                            + "' is not supported by the local executor");
                }
            }
            if (!(parameters.has("FunctionName") || parameters.has("FunctionName.$"))
                    || !(parameters.has("Payload") || parameters.has("Payload.$"))) {
                throw new DefinitionException(where + ": " + LAMBDA_INVOKE + " needs Parameters FunctionName and Payload");
            }
        } else if (resource.startsWith("arn:") && !resource.matches("arn:aws[a-z-]*:lambda:[^:]+:[^:]+:function:.+")) {
            throw new DefinitionException(where + ": Resource '" + resource + "' is not supported by the local executor "
                    + "(only Lambda functions, by ARN or through " + LAMBDA_INVOKE + ")");
        }
        if (state.has("TimeoutSeconds") && !positiveInt(state.get("TimeoutSeconds"))) {
            throw new DefinitionException(where + ": TimeoutSeconds must be a positive integer");
        }
    }

    private static void checkChoice(JsonNode state, JsonNode states, String where) {
        JsonNode choices = state.path("Choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new DefinitionException(where + ": Choices must be a non-empty array");
        }
        for (JsonNode rule : choices) {
            ChoiceRules.check(rule, where + " Choices", true);
            target(rule.get("Next"), states, where + " Choices Next");
        }
        if (state.has("Default")) {
            target(state.get("Default"), states, where + " Default");
        }
    }

    private static void checkWait(JsonNode state, String where) {
        int given = 0;
        for (String field : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
            given += state.has(field) ? 1 : 0;
        }
        if (given != 1) {
            throw new DefinitionException(where + ": needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath");
        }
        if (state.has("Seconds") && !(state.get("Seconds").canConvertToInt() && state.get("Seconds").isIntegralNumber()
                && state.get("Seconds").asInt() >= 0)) {
            throw new DefinitionException(where + ": Seconds must be a non-negative integer");
        }
        if (state.has("Timestamp")) {
            try {
                OffsetDateTime.parse(state.get("Timestamp").asText());
            } catch (DateTimeParseException e) {
                throw new DefinitionException(where + ": Timestamp must be an RFC 3339 timestamp");
            }
        }
        for (String field : List.of("SecondsPath", "TimestampPath")) {
            if (state.has(field)) {
                checkPath(state.get(field), where + " " + field);
            }
        }
    }

    private static void checkFail(JsonNode state, String where) {
        for (String field : List.of("Error", "Cause")) {
            if (state.has(field) && state.has(field + "Path")) {
                throw new DefinitionException(where + ": has both " + field + " and " + field + "Path");
            }
            if (state.has(field) && !state.get(field).isTextual()) {
                throw new DefinitionException(where + ": " + field + " must be a string");
            }
            if (state.has(field + "Path")) {
                PayloadTemplate.checkDynamic(state.get(field + "Path"), where + " " + field + "Path");
            }
        }
    }

    private static void checkParallel(JsonNode state, String where) {
        JsonNode branches = state.path("Branches");
        if (!branches.isArray() || branches.isEmpty()) {
            throw new DefinitionException(where + ": Branches must be a non-empty array");
        }
        int index = 0;
        for (JsonNode branch : branches) {
            String at = where + " Branches[" + index++ + "]";
            checkFields(branch, Set.of("StartAt", "States", "Comment"), at);
            checkStates(branch, at);
        }
    }

    /** The states of a Map's ItemProcessor. */
    static void checkSubMachine(JsonNode machine, String where) {
        checkStates(machine, where);
    }

    private static void checkRetry(JsonNode retriers, String where) {
        if (retriers.isMissingNode()) {
            return;
        }
        if (!retriers.isArray()) {
            throw new DefinitionException(where + ": Retry must be an array");
        }
        int index = 0;
        for (JsonNode retrier : retriers) {
            String at = where + " Retry[" + index + "]";
            checkFields(retrier, RETRY_FIELDS, at);
            checkErrorEquals(retrier, at, index == retriers.size() - 1);
            if (retrier.has("IntervalSeconds") && !positiveInt(retrier.get("IntervalSeconds"))) {
                throw new DefinitionException(at + ": IntervalSeconds must be a positive integer");
            }
            if (retrier.has("MaxDelaySeconds") && !positiveInt(retrier.get("MaxDelaySeconds"))) {
                throw new DefinitionException(at + ": MaxDelaySeconds must be a positive integer");
            }
            if (retrier.has("MaxAttempts") && !(retrier.get("MaxAttempts").isIntegralNumber()
                    && retrier.get("MaxAttempts").asInt() >= 0)) {
                throw new DefinitionException(at + ": MaxAttempts must be a non-negative integer");
            }
            if (retrier.has("BackoffRate") && !(retrier.get("BackoffRate").isNumber()
                    && retrier.get("BackoffRate").asDouble() >= 1.0)) {
                throw new DefinitionException(at + ": BackoffRate must be a number of at least 1.0");
            }
            String jitter = retrier.path("JitterStrategy").asText("NONE");
            if (!jitter.equals("NONE") && !jitter.equals("FULL")) {
                throw new DefinitionException(at + ": JitterStrategy '" + jitter + "' is not FULL or NONE");
            }
            index++;
        }
    }

    private static void checkCatch(JsonNode catchers, JsonNode states, String where) {
        if (catchers.isMissingNode()) {
            return;
        }
        if (!catchers.isArray()) {
            throw new DefinitionException(where + ": Catch must be an array");
        }
        int index = 0;
        for (JsonNode catcher : catchers) {
            String at = where + " Catch[" + index + "]";
            checkFields(catcher, CATCH_FIELDS, at);
            checkErrorEquals(catcher, at, index == catchers.size() - 1);
            target(catcher.get("Next"), states, at + " Next");
            if (catcher.has("ResultPath") && !catcher.get("ResultPath").isNull()) {
                checkResultPath(catcher.get("ResultPath"), at + " ResultPath");
            }
            index++;
        }
    }

    private static void checkErrorEquals(JsonNode handler, String where, boolean last) {
        JsonNode names = handler.path("ErrorEquals");
        if (!names.isArray() || names.isEmpty()) {
            throw new DefinitionException(where + ": ErrorEquals must be a non-empty array");
        }
        for (JsonNode name : names) {
            if (!name.isTextual()) {
                throw new DefinitionException(where + ": ErrorEquals holds error names (strings)");
            }
            if (name.asText().equals("States.ALL") && (names.size() != 1 || !last)) {
                throw new DefinitionException(where + ": States.ALL must appear alone, in the last retrier or catcher");
            }
        }
    }

    private static void checkReachability(String startAt, JsonNode states, String where) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(startAt));
        boolean canEnd = false;
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!seen.add(name)) {
                continue;
            }
            JsonNode state = states.get(name);
            String type = state.get("Type").asText();
            canEnd |= type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean(false);
            if (state.has("Next")) {
                todo.push(state.get("Next").asText());
            }
            if (state.has("Default")) {
                todo.push(state.get("Default").asText());
            }
            state.path("Choices").forEach(rule -> todo.push(rule.get("Next").asText()));
            state.path("Catch").forEach(catcher -> todo.push(catcher.get("Next").asText()));
        }
        for (Iterator<String> names = states.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!seen.contains(name)) {
                throw new DefinitionException("state '" + name + "': is not reachable from StartAt '" + startAt + "'");
            }
        }
        if (!canEnd) {
            throw new DefinitionException(where + ": no state ends the machine (End, Succeed or Fail)");
        }
    }

    static void checkFields(JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) {
            throw new DefinitionException(where + ": must be an object");
        }
        for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!allowed.contains(field)) {
                throw new DefinitionException(where + ": field '" + field + "' is not supported by the local executor");
            }
        }
    }

    static void checkPath(JsonNode path, String where) {
        if (!path.isTextual()) {
            throw new DefinitionException(where + ": must be a path string");
        }
        JsonPaths.check(path.asText(), where);
    }

    private static void checkResultPath(JsonNode path, String where) {
        if (!path.isTextual()) {
            throw new DefinitionException(where + ": must be a path string or null");
        }
        JsonPaths.checkResultPath(path.asText(), where);
    }

    static boolean positiveInt(JsonNode value) {
        return value.isIntegralNumber() && value.canConvertToInt() && value.asInt() > 0;
    }

    private static void target(JsonNode next, JsonNode states, String where) {
        if (next == null || !next.isTextual()) {
            throw new DefinitionException(where + ": must name a state");
        }
        if (!states.has(next.asText())) {
            throw new DefinitionException(where + ": transition to '" + next.asText() + "', which is not a state");
        }
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
