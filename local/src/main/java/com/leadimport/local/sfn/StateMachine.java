package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A state machine definition, loaded and checked: placeholders replaced like SAM's
 * DefinitionSubstitutions, then every state, field, path and transition checked against
 * what this executor runs. Anything else is refused here, at load, with the state and field
 * named, so a definition can only use what both AWS and the local runtime run.
 */
public final class StateMachine {

    static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    static final String S3_GET_OBJECT = "arn:aws:states:::s3:getObject";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final Set<String> IO = Set.of("Type", "Comment", "InputPath", "OutputPath");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Pass", union(IO, "Next", "End", "Parameters", "Result", "ResultPath"),
            "Task", union(IO, "Next", "End", "Resource", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
                    "TimeoutSeconds"),
            "Choice", union(IO, "Choices", "Default"),
            "Succeed", IO,
            "Fail", Set.of("Type", "Comment", "Error", "Cause"),
            "Map", union(IO, "Next", "End", "ItemReader", "ItemProcessor", "ItemSelector", "ItemsPath", "MaxConcurrency",
                    "ToleratedFailurePercentage", "ToleratedFailureCount", "ResultPath", "ResultSelector", "Retry", "Catch"));
    private static final Set<String> RETRY_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
            "MaxDelaySeconds", "JitterStrategy");
    private static final Set<String> CATCH_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath");
    private static final Set<String> CHOICE_OPERATORS = Set.of("StringEquals", "StringEqualsPath", "BooleanEquals",
            "NumericEquals", "NumericGreaterThan", "NumericLessThan", "IsPresent", "IsNull");

    private final JsonNode definition;

    private StateMachine(JsonNode definition) {
        this.definition = definition;
    }

    public static StateMachine load(String definitionJson, Map<String, String> substitutions) {
        Matcher matcher = PLACEHOLDER.matcher(definitionJson);
        StringBuilder replaced = new StringBuilder();
        while (matcher.find()) {
            String value = substitutions.get(matcher.group(1));
            if (value == null) {
                throw new DefinitionException("the definition uses ${" + matcher.group(1) + "} but no substitution gives it");
            }
            matcher.appendReplacement(replaced, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(replaced);
        JsonNode definition;
        try {
            definition = new ObjectMapper().readTree(replaced.toString());
        } catch (java.io.IOException e) {
            throw new DefinitionException("the definition is not valid JSON: " + e.getMessage());
        }
        checkMachine(definition, "definition");
        return new StateMachine(definition);
    }

    JsonNode definition() {
        return definition;
    }

    private static void checkMachine(JsonNode machine, String where) {
        for (Iterator<String> names = machine.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("Comment", "StartAt", "States", "ProcessorConfig", "TimeoutSeconds", "Version").contains(name)) {
                throw new DefinitionException(where + ": field '" + name + "' is not supported by the local executor");
            }
        }
        JsonNode states = machine.get("States");
        if (!machine.hasNonNull("StartAt") || states == null || !states.isObject()) {
            throw new DefinitionException(where + ": StartAt and States are required");
        }
        if (!states.has(machine.get("StartAt").asText())) {
            throw new DefinitionException(where + ": StartAt '" + machine.get("StartAt").asText() + "' is not a state");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> state = it.next();
            checkState(state.getKey(), state.getValue(), states);
        }
    }

    private static void checkState(String name, JsonNode state, JsonNode states) {
        String where = "state '" + name + "'";
        String type = state.path("Type").asText();
        Set<String> allowed = FIELDS.get(type);
        if (allowed == null) {
            throw new DefinitionException(where + ": type '" + type + "' is not supported by the local executor");
        }
        for (Iterator<String> fields = state.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!allowed.contains(field)) {
                throw new DefinitionException(where + ": field '" + field + "' is not supported by the local executor");
            }
        }
        if (Set.of("Pass", "Task", "Map").contains(type)) {
            boolean next = state.hasNonNull("Next");
            boolean end = state.path("End").asBoolean(false);
            if (next == end) {
                throw new DefinitionException(where + ": needs exactly one of Next or End");
            }
            if (next) {
                target(state.get("Next").asText(), states, where);
            }
        }
        for (String pathField : List.of("InputPath", "OutputPath", "ResultPath", "ItemsPath")) {
            if (state.hasNonNull(pathField)) {
                JsonPaths.check(state.get(pathField).asText(), where + " " + pathField);
            }
        }
        for (String template : List.of("Parameters", "ResultSelector", "ItemSelector")) {
            if (state.has(template)) {
                checkTemplate(state.get(template), where + " " + template);
            }
        }
        if (type.equals("Task")) {
            checkTask(state, where);
        }
        if (type.equals("Choice")) {
            checkChoice(state, states, where);
        }
        if (type.equals("Map")) {
            checkMap(state, where);
        }
        checkRetry(state.path("Retry"), where);
        for (JsonNode catcher : state.path("Catch")) {
            checkFields(catcher, CATCH_FIELDS, where + " Catch");
            target(catcher.path("Next").asText(), states, where + " Catch");
            if (catcher.hasNonNull("ResultPath")) {
                JsonPaths.check(catcher.get("ResultPath").asText(), where + " Catch ResultPath");
            }
        }
    }

    private static void checkTask(JsonNode state, String where) {
        if (!LAMBDA_INVOKE.equals(state.path("Resource").asText())) {
            throw new DefinitionException(where + ": Resource '" + state.path("Resource").asText()
                    + "' is not supported by the local executor (only " + LAMBDA_INVOKE + ")");
        }
        JsonNode parameters = state.path("Parameters");
        if (!parameters.hasNonNull("FunctionName") || !(parameters.has("Payload") || parameters.has("Payload.$"))) {
            throw new DefinitionException(where + ": lambda:invoke needs Parameters FunctionName and Payload");
        }
    }

    private static void checkChoice(JsonNode state, JsonNode states, String where) {
        if (!state.path("Choices").isArray() || state.path("Choices").isEmpty()) {
            throw new DefinitionException(where + ": Choices must be a non-empty array");
        }
        for (JsonNode rule : state.get("Choices")) {
            checkRule(rule, where + " Choices", true);
            target(rule.path("Next").asText(), states, where + " Choices");
        }
        if (state.hasNonNull("Default")) {
            target(state.get("Default").asText(), states, where + " Default");
        }
    }

    private static void checkRule(JsonNode rule, String where, boolean top) {
        for (Iterator<String> fields = rule.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            boolean known = CHOICE_OPERATORS.contains(field) || field.equals("Variable") || field.equals("And")
                    || field.equals("Or") || field.equals("Not") || (top && field.equals("Next"));
            if (!known) {
                throw new DefinitionException(where + ": choice field '" + field + "' is not supported by the local executor");
            }
        }
        for (String nested : List.of("And", "Or")) {
            for (JsonNode inner : rule.path(nested)) {
                checkRule(inner, where, false);
            }
        }
        if (rule.has("Not")) {
            checkRule(rule.get("Not"), where, false);
        }
        if (rule.hasNonNull("Variable")) {
            JsonPaths.check(rule.get("Variable").asText(), where + " Variable");
        }
    }

    private static void checkMap(JsonNode state, String where) {
        JsonNode processor = state.get("ItemProcessor");
        if (processor == null) {
            throw new DefinitionException(where + ": ItemProcessor is required");
        }
        String mode = processor.path("ProcessorConfig").path("Mode").asText("INLINE");
        if (!mode.equals("INLINE") && !mode.equals("DISTRIBUTED")) {
            throw new DefinitionException(where + ": ProcessorConfig Mode '" + mode + "' is not supported");
        }
        JsonNode reader = state.get("ItemReader");
        if (reader != null) {
            if (!mode.equals("DISTRIBUTED")) {
                throw new DefinitionException(where + ": ItemReader needs a DISTRIBUTED ItemProcessor");
            }
            checkFields(reader, Set.of("Resource", "ReaderConfig", "Parameters"), where + " ItemReader");
            if (!S3_GET_OBJECT.equals(reader.path("Resource").asText())
                    || !"JSON".equals(reader.path("ReaderConfig").path("InputType").asText())
                    || reader.path("ReaderConfig").size() != 1) {
                throw new DefinitionException(where + ": ItemReader must read a JSON array with " + S3_GET_OBJECT);
            }
            checkTemplate(reader.path("Parameters"), where + " ItemReader Parameters");
        }
        checkMachine(processor, where + " ItemProcessor");
    }

    private static void checkRetry(JsonNode retriers, String where) {
        for (JsonNode retrier : retriers) {
            checkFields(retrier, RETRY_FIELDS, where + " Retry");
            String jitter = retrier.path("JitterStrategy").asText("NONE");
            if (!jitter.equals("NONE") && !jitter.equals("FULL")) {
                throw new DefinitionException(where + " Retry: JitterStrategy '" + jitter + "' is not valid");
            }
        }
    }

    private static void checkTemplate(JsonNode template, String where) {
        if (!template.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().endsWith(".$")) {
                String path = field.getValue().asText();
                if (path.startsWith("States.")) {
                    throw new DefinitionException(where + ": intrinsic function '" + path
                            + "' is not supported by the local executor");
                }
                JsonPaths.check(path, where + " " + field.getKey());
            } else {
                checkTemplate(field.getValue(), where);
            }
        }
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!allowed.contains(field)) {
                throw new DefinitionException(where + ": field '" + field + "' is not supported by the local executor");
            }
        }
    }

    private static void target(String next, JsonNode states, String where) {
        if (!states.has(next)) {
            throw new DefinitionException(where + ": transition to '" + next + "', which is not a state");
        }
    }

    private static Set<String> union(Set<String> base, String... more) {
        java.util.HashSet<String> all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
