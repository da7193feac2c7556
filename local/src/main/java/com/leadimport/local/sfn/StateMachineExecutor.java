package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleSupplier;

/**
 * Runs a {@link StateMachine} the way Step Functions does, in this JVM: input and output
 * processing (InputPath, Parameters, ResultSelector, ResultPath, OutputPath), Task states
 * calling Lambda handlers through a {@link TaskInvoker}, Choice, Pass, Succeed, Fail, Map
 * (inline, or distributed with an S3 JSON ItemReader) with real parallelism, Retry with
 * backoff and jitter, and Catch. Executions are named; starting a name again returns the
 * execution that already ran, as StartExecution does for the same name and input.
 */
public final class StateMachineExecutor {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final StateMachine machine;
    private final String machineName;
    private final TaskInvoker tasks;
    private final ObjectReader objects;
    private final int threads;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final Map<String, java.util.concurrent.CompletableFuture<Execution>> executions = new ConcurrentHashMap<>();

    /**
     * @param threads the most Map items in flight at once on this machine (MaxConcurrency
     *                in the definition may lower it further)
     */
    public StateMachineExecutor(String machineName, StateMachine machine, TaskInvoker tasks, ObjectReader objects,
                                int threads, Sleeper sleeper, DoubleSupplier random) {
        this.machineName = machineName;
        this.machine = machine;
        this.tasks = tasks;
        this.objects = objects;
        this.threads = threads;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** Runs the execution to its end; a name that already ran returns that execution. */
    public Execution run(String name, JsonNode input) {
        java.util.concurrent.CompletableFuture<Execution> mine = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Execution> existing = executions.putIfAbsent(name, mine);
        if (existing != null) {
            return existing.join();
        }
        mine.complete(execute(name, input));
        return mine.join();
    }

    private Execution execute(String name, JsonNode input) {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        ObjectNode context = JSON.objectNode();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", "arn:aws:states:local:000000000000:execution:" + machineName + ":" + name);
        execution.put("Name", name);
        execution.set("Input", input);
        context.putObject("StateMachine").put("Name", machineName);
        events.add("ExecutionStarted " + name);
        try {
            JsonNode output = runMachine(machine.definition(), input, context, events);
            events.add("ExecutionSucceeded");
            return new Execution(name, Execution.Status.SUCCEEDED, output, null, null, List.copyOf(events));
        } catch (StatesError e) {
            events.add("ExecutionFailed " + e.error());
            return new Execution(name, Execution.Status.FAILED, null, e.error(), e.cause(), List.copyOf(events));
        }
    }

    private JsonNode runMachine(JsonNode machine, JsonNode input, ObjectNode context, List<String> events) {
        JsonNode states = machine.get("States");
        String current = machine.get("StartAt").asText();
        JsonNode data = input;
        while (true) {
            JsonNode state = states.get(current);
            ObjectNode stateContext = context.deepCopy();
            stateContext.putObject("State").put("Name", current);
            events.add("StateEntered " + current);
            Step step = runState(current, state, data, stateContext, events);
            events.add("StateExited " + current);
            data = step.output;
            if (step.next == null) {
                return data;
            }
            current = step.next;
        }
    }

    /** A state's output and the state to go to (null: the machine ends). */
    private record Step(JsonNode output, String next) {
    }

    private Step runState(String name, JsonNode state, JsonNode input, ObjectNode context, List<String> events) {
        String type = state.get("Type").asText();
        String where = "state '" + name + "'";
        switch (type) {
            case "Succeed" -> {
                return new Step(output(state, inputOf(state, input, context, where), context, where), null);
            }
            case "Fail" -> throw new StatesError(state.path("Error").asText("States.Fail"), state.path("Cause").asText(""));
            case "Choice" -> {
                JsonNode effective = inputOf(state, input, context, where);
                for (JsonNode rule : state.get("Choices")) {
                    if (matches(rule, effective, context)) {
                        return new Step(output(state, effective, context, where), rule.get("Next").asText());
                    }
                }
                if (state.hasNonNull("Default")) {
                    return new Step(output(state, effective, context, where), state.get("Default").asText());
                }
                throw new StatesError("States.NoChoiceMatched", where + ": no choice matched and there is no Default");
            }
            default -> {
                String next = state.path("End").asBoolean(false) ? null : state.get("Next").asText();
                try {
                    return new Step(withRetry(name, state, input, context, events), next);
                } catch (StatesError e) {
                    for (JsonNode catcher : state.path("Catch")) {
                        if (!e.terminal() && errorMatches(catcher.get("ErrorEquals"), e)) {
                            events.add("Caught " + e.error() + " in " + name);
                            ObjectNode error = JSON.objectNode().put("Error", e.error()).put("Cause", e.cause());
                            JsonNode output = catcher.has("ResultPath") && catcher.get("ResultPath").isNull()
                                    ? input
                                    : JsonPaths.place(input, catcher.path("ResultPath").asText("$"), error, where);
                            return new Step(output, catcher.get("Next").asText());
                        }
                    }
                    throw e;
                }
            }
        }
    }

    private JsonNode withRetry(String name, JsonNode state, JsonNode input, ObjectNode context, List<String> events) {
        int[] attempts = new int[state.path("Retry").size()];
        while (true) {
            try {
                return runOnce(name, state, input, context, events);
            } catch (StatesError e) {
                int index = 0;
                JsonNode retrier = null;
                for (JsonNode candidate : state.path("Retry")) {
                    if (!e.terminal() && errorMatches(candidate.get("ErrorEquals"), e)) {
                        retrier = candidate;
                        break;
                    }
                    index++;
                }
                if (retrier == null || attempts[index] >= retrier.path("MaxAttempts").asInt(3)) {
                    throw e;
                }
                attempts[index]++;
                double delay = retrier.path("IntervalSeconds").asDouble(1)
                        * Math.pow(retrier.path("BackoffRate").asDouble(2.0), attempts[index] - 1);
                if (retrier.hasNonNull("MaxDelaySeconds")) {
                    delay = Math.min(delay, retrier.get("MaxDelaySeconds").asDouble());
                }
                if ("FULL".equals(retrier.path("JitterStrategy").asText("NONE"))) {
                    delay = delay * random.getAsDouble();
                }
                events.add("Retry " + name + " after " + e.error() + " (attempt " + attempts[index] + ")");
                try {
                    sleeper.sleep(Math.round(delay * 1000));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new StatesError("States.Runtime", "interrupted while waiting to retry " + name);
                }
            }
        }
    }

    private JsonNode runOnce(String name, JsonNode state, JsonNode input, ObjectNode context, List<String> events) {
        String where = "state '" + name + "'";
        String type = state.get("Type").asText();
        JsonNode effective = inputOf(state, input, context, where);
        JsonNode result = switch (type) {
            case "Pass" -> state.has("Result") ? state.get("Result")
                    : state.has("Parameters") ? template(state.get("Parameters"), effective, context, where) : effective;
            case "Task" -> task(state, effective, context, where);
            case "Map" -> map(name, state, effective, context, events);
            default -> throw new StatesError("States.Runtime", where + ": cannot run type " + type);
        };
        if (state.has("ResultSelector")) {
            result = template(state.get("ResultSelector"), result, context, where + " ResultSelector");
        }
        JsonNode placed;
        if (state.has("ResultPath") && state.get("ResultPath").isNull()) {
            placed = input;
        } else {
            placed = JsonPaths.place(input, state.path("ResultPath").asText("$"), result, where);
        }
        return output(state, placed, context, where);
    }

    private JsonNode task(JsonNode state, JsonNode input, ObjectNode context, String where) {
        JsonNode parameters = template(state.get("Parameters"), input, context, where + " Parameters");
        String function = parameters.path("FunctionName").asText();
        JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : JSON.nullNode();
        JsonNode output;
        try {
            output = tasks.invoke(function, payload);
        } catch (StatesError e) {
            throw e;
        } catch (Exception e) {
            String errorType = e.getClass().getName();
            ObjectNode cause = JSON.objectNode().put("errorMessage", String.valueOf(e.getMessage())).put("errorType", errorType);
            cause.putArray("stackTrace");
            throw new StatesError(errorType, cause.toString());
        }
        ObjectNode result = JSON.objectNode();
        result.put("ExecutedVersion", "$LATEST");
        result.set("Payload", output == null ? JSON.nullNode() : output);
        result.put("StatusCode", 200);
        return result;
    }

    private JsonNode map(String name, JsonNode state, JsonNode input, ObjectNode context, List<String> events) {
        String where = "state '" + name + "'";
        JsonNode items = items(state, input, context, where);
        JsonNode processor = state.get("ItemProcessor");
        int maxConcurrency = state.path("MaxConcurrency").asInt(0);
        int parallelism = Math.max(1, maxConcurrency == 0 ? threads : Math.min(maxConcurrency, threads));
        boolean distributed = "DISTRIBUTED".equals(processor.path("ProcessorConfig").path("Mode").asText());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, items.size())));
        try {
            List<Future<JsonNode>> futures = new ArrayList<>();
            for (int index = 0; index < items.size(); index++) {
                JsonNode item = items.get(index);
                ObjectNode itemContext = context.deepCopy();
                ObjectNode mapItem = itemContext.putObject("Map").putObject("Item");
                mapItem.put("Index", index);
                mapItem.set("Value", item);
                JsonNode itemInput = state.has("ItemSelector")
                        ? template(state.get("ItemSelector"), input, itemContext, where + " ItemSelector")
                        : item;
                futures.add(pool.submit(() -> runMachine(processor, itemInput, itemContext, events)));
            }
            ArrayNode results = JSON.arrayNode();
            List<StatesError> failures = new ArrayList<>();
            for (Future<JsonNode> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof StatesError error) {
                        failures.add(error);
                        results.addNull();
                    } else {
                        throw new StatesError("States.Runtime", where + ": " + e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StatesError("States.Runtime", where + ": interrupted");
                }
            }
            if (!failures.isEmpty()) {
                if (!distributed) {
                    throw failures.get(0);
                }
                double toleratedPercent = state.path("ToleratedFailurePercentage").asDouble(0);
                int toleratedCount = state.path("ToleratedFailureCount").asInt(0);
                if (failures.size() > toleratedCount && failures.size() * 100.0 / items.size() > toleratedPercent) {
                    StatesError first = failures.get(0);
                    throw new StatesError("States.ExceedToleratedFailureThreshold", where + ": " + failures.size() + " of "
                            + items.size() + " items failed; the first with " + first.error() + ": " + first.cause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private JsonNode items(JsonNode state, JsonNode input, ObjectNode context, String where) {
        JsonNode reader = state.get("ItemReader");
        JsonNode items;
        if (reader != null) {
            JsonNode parameters = template(reader.get("Parameters"), input, context, where + " ItemReader");
            try {
                items = MAPPER.readTree(objects.read(parameters.path("Bucket").asText(), parameters.path("Key").asText()));
            } catch (Exception e) {
                throw new StatesError("States.ItemReaderFailed", where + ": cannot read items from s3://"
                        + parameters.path("Bucket").asText() + "/" + parameters.path("Key").asText() + ": " + e.getMessage());
            }
        } else {
            items = state.hasNonNull("ItemsPath") ? JsonPaths.require(input, context, state.get("ItemsPath").asText(), where) : input;
        }
        if (!items.isArray()) {
            throw new StatesError("States.Runtime", where + ": the Map items are not an array");
        }
        return items;
    }

    private JsonNode inputOf(JsonNode state, JsonNode input, ObjectNode context, String where) {
        if (!state.has("InputPath")) {
            return input;
        }
        return state.get("InputPath").isNull() ? JSON.objectNode()
                : JsonPaths.require(input, context, state.get("InputPath").asText(), where + " InputPath");
    }

    private JsonNode output(JsonNode state, JsonNode data, ObjectNode context, String where) {
        if (!state.has("OutputPath")) {
            return data;
        }
        return state.get("OutputPath").isNull() ? JSON.objectNode()
                : JsonPaths.require(data, context, state.get("OutputPath").asText(), where + " OutputPath");
    }

    /** Parameters, ResultSelector, ItemSelector: {@code "key.$"} fields take the value at their path. */
    private JsonNode template(JsonNode template, JsonNode input, ObjectNode context, String where) {
        if (template.isObject()) {
            ObjectNode out = JSON.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().endsWith(".$")) {
                    String key = field.getKey().substring(0, field.getKey().length() - 2);
                    out.set(key, JsonPaths.require(input, context, field.getValue().asText(), where + " " + key));
                } else {
                    out.set(field.getKey(), template(field.getValue(), input, context, where));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = JSON.arrayNode();
            template.forEach(element -> out.add(template(element, input, context, where)));
            return out;
        }
        return template;
    }

    private static boolean matches(JsonNode rule, JsonNode input, JsonNode context) {
        if (rule.has("And")) {
            for (JsonNode inner : rule.get("And")) {
                if (!matches(inner, input, context)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode inner : rule.get("Or")) {
                if (matches(inner, input, context)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), input, context);
        }
        String variablePath = rule.get("Variable").asText();
        JsonNode value = JsonPaths.read(input, context, variablePath);
        if (rule.has("IsPresent")) {
            return (value != null) == rule.get("IsPresent").asBoolean();
        }
        if (value == null) {
            throw new StatesError("States.Runtime", "Invalid path '" + variablePath + "': the choice cannot be evaluated");
        }
        if (rule.has("IsNull")) {
            return value.isNull() == rule.get("IsNull").asBoolean();
        }
        if (rule.has("StringEquals")) {
            return value.isTextual() && value.asText().equals(rule.get("StringEquals").asText());
        }
        if (rule.has("StringEqualsPath")) {
            JsonNode other = JsonPaths.read(input, context, rule.get("StringEqualsPath").asText());
            return value.isTextual() && other != null && other.isTextual() && value.asText().equals(other.asText());
        }
        if (rule.has("BooleanEquals")) {
            return value.isBoolean() && value.asBoolean() == rule.get("BooleanEquals").asBoolean();
        }
        if (rule.has("NumericEquals")) {
            return value.isNumber() && value.decimalValue().compareTo(rule.get("NumericEquals").decimalValue()) == 0;
        }
        if (rule.has("NumericGreaterThan")) {
            return value.isNumber() && value.decimalValue().compareTo(rule.get("NumericGreaterThan").decimalValue()) > 0;
        }
        if (rule.has("NumericLessThan")) {
            return value.isNumber() && value.decimalValue().compareTo(rule.get("NumericLessThan").decimalValue()) < 0;
        }
        throw new StatesError("States.Runtime", "choice rule without a supported operator: " + rule);
    }

    private static boolean errorMatches(JsonNode errorEquals, StatesError error) {
        for (JsonNode name : errorEquals) {
            String n = name.asText();
            if (n.equals("States.ALL") || n.equals(error.error())
                    || (n.equals("States.TaskFailed") && !error.error().startsWith("States."))) {
                return true;
            }
        }
        return false;
    }
}
