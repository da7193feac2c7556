package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Runs a {@link StateMachine} the way Step Functions does, in this JVM.
 * <ul>
 * <li>Input and output processing in the spec's order: InputPath, Parameters, the state's
 *     work, ResultSelector, ResultPath (applied to the state's raw input; null keeps it),
 *     OutputPath; {@code "key.$"} fields, intrinsic functions and the context object {@code $$}
 *     ({@code Execution.Id/Name/Input/StartTime}, {@code StateMachine.Id/Name},
 *     {@code State.Name/EnteredTime/RetryCount}, {@code Map.Item.Index/Value} in ItemSelector).</li>
 * <li>Task (Lambda through a {@link TaskInvoker}, see {@link TaskCall}), Pass, Choice, Wait
 *     (through the {@link Sleeper}), Succeed, Fail, Parallel and Map ({@link MapRun}) with real
 *     parallelism on this executor's threads.</li>
 * <li>Retry: the first retrier whose ErrorEquals matches applies; each retrier counts its own
 *     attempts (MaxAttempts default 3); the delay is IntervalSeconds (default 1) times
 *     BackoffRate (default 2.0) to the power of the retries so far, capped by MaxDelaySeconds,
 *     and with JitterStrategy FULL a random fraction of that. Catch: the first matching catcher
 *     places {@code {"Error", "Cause"}} at its ResultPath (default $) in the state's raw input
 *     and goes to Next. States.ALL matches every error but the terminal States.Runtime and
 *     States.DataLimitExceeded; States.TaskFailed every such error but States.Timeout.</li>
 * <li>Executions are named: starting a name again with the same input returns the execution
 *     that ran (waiting for it if it still runs), as StartExecution does; with another input it
 *     is an {@link ExecutionAlreadyExistsException}.</li>
 * </ul>
 */
public final class StateMachineExecutor {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String ARN_PREFIX = "arn:aws:states:local:000000000000:";

    private final String machineName;
    private final StateMachine machine;
    private final TaskInvoker tasks;
    private final ObjectReader objects;
    private final int threads;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final Supplier<UUID> uuids;
    private final Clock clock;
    private final ExecutorService workers;
    private final Map<String, CompletableFuture<Execution>> executions = new ConcurrentHashMap<>();

    /**
     * @param threads the most Map items (or Parallel branches) of one state in flight at once
     *                on this machine; a Map's MaxConcurrency may lower it further
     * @param random  for FULL jitter: a value in [0, 1)
     */
    public StateMachineExecutor(String machineName, StateMachine machine, TaskInvoker tasks, ObjectReader objects,
                                int threads, Sleeper sleeper, DoubleSupplier random) {
        this(builder(machineName, machine).tasks(tasks).objects(objects).threads(threads).sleeper(sleeper).random(random));
    }

    private StateMachineExecutor(Builder builder) {
        this.machineName = builder.machineName;
        this.machine = builder.machine;
        this.tasks = Objects.requireNonNull(builder.tasks, "tasks");
        this.objects = builder.objects;
        this.threads = builder.threads;
        this.sleeper = builder.sleeper;
        this.random = builder.random;
        this.uuids = builder.uuids;
        this.clock = builder.clock;
        this.workers = Executors.newCachedThreadPool(daemonThreads(machineName));
    }

    public static Builder builder(String machineName, StateMachine machine) {
        return new Builder(machineName, machine);
    }

    /**
     * Runs the execution to its end (blocking). A name that already ran with the same input
     * returns that execution; nothing runs again.
     *
     * @throws ExecutionAlreadyExistsException when the name ran with another input
     */
    /** The error of an execution that ran past its TimeoutSeconds. */
    static final String TIMEOUT = "States.Timeout";

    public Execution run(String name, JsonNode input) {
        CompletableFuture<Execution> mine = new CompletableFuture<>();
        CompletableFuture<Execution> existing = executions.putIfAbsent(name, mine);
        if (existing != null) {
            Execution earlier = existing.join();
            if (!Objects.equals(earlier.input(), input)) {
                throw new ExecutionAlreadyExistsException("execution '" + name + "' already exists with another input");
            }
            return earlier;
        }
        try {
            mine.complete(execute(name, input));
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    /** The execution of that name, if it has finished. */
    public Optional<Execution> find(String name) {
        CompletableFuture<Execution> execution = executions.get(name);
        return execution == null || !execution.isDone() || execution.isCompletedExceptionally()
                ? Optional.empty() : Optional.of(execution.join());
    }

    /** The ARN of this state machine's execution of that name, as {@code $$.Execution.Id} gives it. */
    public String executionArn(String name) {
        return ARN_PREFIX + "execution:" + machineName + ":" + name;
    }

    private Execution execute(String name, JsonNode input) {
        History history = new History();
        ObjectNode context = JSON.objectNode();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", executionArn(name));
        execution.put("Name", name);
        execution.set("Input", input);
        execution.put("StartTime", clock.instant().toString());
        context.putObject("StateMachine").put("Id", ARN_PREFIX + "stateMachine:" + machineName).put("Name", machineName);
        history.add("ExecutionStarted " + name);
        try {
            JsonNode timeout = machine.definition().get("TimeoutSeconds");
            java.time.Instant deadline = timeout == null ? null : clock.instant().plusSeconds(timeout.asLong());
            JsonNode output = runMachine(machine.definition(), input, new Scope(context, history, deadline));
            history.add("ExecutionSucceeded");
            return new Execution(name, Execution.Status.SUCCEEDED, input, output, null, null, history.snapshot());
        } catch (StatesError e) {
            if (e.error().equals(TIMEOUT)) {
                history.add("ExecutionTimedOut");
                return new Execution(name, Execution.Status.TIMED_OUT, input, null, TIMEOUT, e.cause(), history.snapshot());
            }
            history.add("ExecutionFailed " + e.error());
            return new Execution(name, Execution.Status.FAILED, input, null, e.error().isEmpty() ? null : e.error(),
                    e.cause(), history.snapshot());
        } catch (RuntimeException e) {
            history.add("ExecutionFailed " + StatesError.RUNTIME);
            return new Execution(name, Execution.Status.FAILED, input, null, StatesError.RUNTIME,
                    "the local executor failed: " + e, history.snapshot());
        }
    }

    // ---- package-private: used by MapRun and ParallelRun

    ExecutorService workers() {
        return workers;
    }

    int threads() {
        return threads;
    }

    Supplier<UUID> uuids() {
        return uuids;
    }

    ObjectReader objects() {
        if (objects == null) {
            throw new StatesError("States.ItemReaderFailed", "no S3 object reader was given to the executor");
        }
        return objects;
    }

    /** The context of a Distributed Map's child execution. */
    ObjectNode childExecutionContext(ObjectNode parent, String label, JsonNode input) {
        ObjectNode context = JSON.objectNode();
        String parentId = parent.path("Execution").path("Id").asText();
        String name = UUID.nameUUIDFromBytes((parentId + "/" + label).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", parentId + "/" + label + ":" + name);
        execution.put("Name", name);
        execution.set("Input", input);
        execution.put("StartTime", clock.instant().toString());
        context.set("StateMachine", parent.get("StateMachine"));
        return context;
    }

    /** Runs a machine (the definition, a Map's ItemProcessor or a Parallel branch) to its end. */
    JsonNode runMachine(JsonNode definition, JsonNode input, Scope scope) {
        JsonNode states = definition.get("States");
        String current = definition.get("StartAt").asText();
        JsonNode data = input;
        while (true) {
            if (scope.deadline() != null && clock.instant().isAfter(scope.deadline())) {
                // the execution's TimeoutSeconds: it ends TIMED_OUT, past any Catch
                throw new StatesError(TIMEOUT, "the execution ran past its TimeoutSeconds");
            }
            JsonNode state = states.get(current);
            scope.history().add("StateEntered " + current);
            Step step = runState(current, state, data, scope);
            scope.history().add("StateExited " + current);
            data = step.output();
            if (step.next() == null) {
                return data;
            }
            current = step.next();
        }
    }

    /** A state's output and the state to go to (null: the machine ends). */
    private record Step(JsonNode output, String next) {
    }

    private Step runState(String name, JsonNode state, JsonNode input, Scope scope) {
        String where = "state '" + name + "'";
        String type = state.get("Type").asText();
        ObjectNode context = stateContext(scope.context(), name, 0);
        switch (type) {
            case "Succeed" -> {
                return new Step(output(state, inputOf(state, input, context, where), context, where), null);
            }
            case "Fail" -> throw fail(state, input, context, where);
            case "Choice" -> {
                JsonNode effective = inputOf(state, input, context, where);
                String next = choose(state, effective, context, where);
                return new Step(output(state, effective, context, where), next);
            }
            case "Wait" -> {
                JsonNode effective = inputOf(state, input, context, where);
                waitFor(state, effective, context, scope, name, where);
                return new Step(output(state, effective, context, where), next(state));
            }
            default -> {
                try {
                    return new Step(withRetry(name, state, input, scope), next(state));
                } catch (StatesError e) {
                    for (JsonNode catcher : state.path("Catch")) {
                        if (e.matches(catcher.get("ErrorEquals"))) {
                            String target = catcher.get("Next").asText();
                            scope.history().add("Caught " + name + " " + e.error() + " -> " + target);
                            ObjectNode error = JSON.objectNode().put("Error", e.error()).put("Cause", e.cause());
                            JsonNode output = catcher.has("ResultPath") && catcher.get("ResultPath").isNull()
                                    ? input
                                    : JsonPaths.place(input, catcher.path("ResultPath").asText("$"), error, where + " Catch");
                            return new Step(output, target);
                        }
                    }
                    throw e;
                }
            }
        }
    }

    private static String next(JsonNode state) {
        return state.has("Next") ? state.get("Next").asText() : null;
    }

    private ObjectNode stateContext(ObjectNode base, String name, int retryCount) {
        ObjectNode context = JSON.objectNode();
        context.setAll(base);
        context.putObject("State").put("Name", name).put("EnteredTime", clock.instant().toString())
                .put("RetryCount", retryCount);
        return context;
    }

    private JsonNode withRetry(String name, JsonNode state, JsonNode input, Scope scope) {
        JsonNode retriers = state.path("Retry");
        int[] attempts = new int[retriers.size()];
        int retryCount = 0;
        while (true) {
            try {
                return attempt(name, state, input, stateContext(scope.context(), name, retryCount), scope);
            } catch (StatesError e) {
                scope.history().add("StateFailed " + name + " " + e.error());
                int index = 0;
                JsonNode retrier = null;
                for (JsonNode candidate : retriers) {
                    if (e.matches(candidate.get("ErrorEquals"))) {
                        retrier = candidate;
                        break;
                    }
                    index++;
                }
                if (retrier == null || attempts[index] >= retrier.path("MaxAttempts").asInt(3)) {
                    throw e;
                }
                long delay = retryDelayMillis(retrier, attempts[index]);
                attempts[index]++;
                retryCount++;
                scope.history().add("RetryScheduled " + name + " " + e.error() + " attempt=" + attempts[index]
                        + " delayMillis=" + delay);
                sleep(delay, "state '" + name + "'");
            }
        }
    }

    private long retryDelayMillis(JsonNode retrier, int retriesSoFar) {
        double seconds = retrier.path("IntervalSeconds").asDouble(1)
                * Math.pow(retrier.path("BackoffRate").asDouble(2.0), retriesSoFar);
        if (retrier.has("MaxDelaySeconds")) {
            seconds = Math.min(seconds, retrier.get("MaxDelaySeconds").asDouble());
        }
        if ("FULL".equals(retrier.path("JitterStrategy").asText("NONE"))) {
            seconds *= random.getAsDouble();
        }
        return Math.round(seconds * 1000);
    }

    /** One attempt of a Pass, Task, Map or Parallel state: the whole input and output processing. */
    private JsonNode attempt(String name, JsonNode state, JsonNode input, ObjectNode context, Scope scope) {
        String where = "state '" + name + "'";
        String type = state.get("Type").asText();
        JsonNode effective = inputOf(state, input, context, where);
        if (state.has("Parameters") && !type.equals("Map")) {
            effective = PayloadTemplate.evaluate(state.get("Parameters"), effective, context, uuids, where + " Parameters");
        }
        JsonNode result = switch (type) {
            case "Pass" -> state.has("Result") ? state.get("Result") : effective;
            case "Task" -> {
                scope.history().add("TaskScheduled " + name);
                JsonNode out = TaskCall.run(state, effective, tasks, workers, where);
                scope.history().add("TaskSucceeded " + name);
                yield out;
            }
            case "Map" -> new MapRun(this, name, state, scope).run(effective, context);
            case "Parallel" -> parallel(name, state, effective, scope);
            default -> throw new StatesError(StatesError.RUNTIME, where + ": cannot run type " + type);
        };
        if (state.has("ResultSelector")) {
            result = PayloadTemplate.evaluate(state.get("ResultSelector"), result, context, uuids, where + " ResultSelector");
        }
        JsonNode placed = state.has("ResultPath") && state.get("ResultPath").isNull()
                ? input
                : JsonPaths.place(input, state.path("ResultPath").asText("$"), result, where + " ResultPath");
        return output(state, placed, context, where);
    }

    private JsonNode parallel(String name, JsonNode state, JsonNode effective, Scope scope) {
        JsonNode branches = state.get("Branches");
        java.util.List<JsonNode> children = new java.util.ArrayList<>();
        branches.forEach(children::add);
        return new ParallelChildren<JsonNode>(this, children.size(), "state '" + name + "'") {
            @Override
            JsonNode runChild(JsonNode branch, int index) {
                return runMachine(branch, effective, scope.child(name + "[" + index + "]"));
            }

            @Override
            boolean failsWhole(java.util.List<Failure<JsonNode>> failures) {
                return !failures.isEmpty();
            }

            @Override
            StatesError wholeError(java.util.List<Failure<JsonNode>> failures) {
                return failures.get(0).error();
            }
        }.run(children);
    }

    private String choose(JsonNode state, JsonNode effective, ObjectNode context, String where) {
        for (JsonNode rule : state.get("Choices")) {
            if (ChoiceRules.matches(rule, effective, context)) {
                return rule.get("Next").asText();
            }
        }
        if (state.has("Default")) {
            return state.get("Default").asText();
        }
        throw new StatesError("States.NoChoiceMatched", where + ": no choice rule matched and there is no Default");
    }

    private void waitFor(JsonNode state, JsonNode effective, ObjectNode context, Scope scope, String name, String where) {
        long millis;
        if (state.has("Seconds")) {
            millis = state.get("Seconds").asLong() * 1000;
        } else if (state.has("SecondsPath")) {
            JsonNode seconds = JsonPaths.require(effective, context, state.get("SecondsPath").asText(), where + " SecondsPath");
            if (!seconds.isIntegralNumber() || seconds.asLong() < 0) {
                throw new StatesError(StatesError.RUNTIME, where + ": SecondsPath gave " + seconds
                        + ", not a non-negative integer");
            }
            millis = seconds.asLong() * 1000;
        } else {
            String text = state.has("Timestamp") ? state.get("Timestamp").asText()
                    : JsonPaths.require(effective, context, state.get("TimestampPath").asText(), where + " TimestampPath").asText();
            Instant until;
            try {
                until = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new StatesError(StatesError.RUNTIME, where + ": '" + text + "' is not an RFC 3339 timestamp");
            }
            millis = Math.max(0, Duration.between(clock.instant(), until).toMillis());
        }
        scope.history().add("WaitStarted " + name + " delayMillis=" + millis);
        sleep(millis, where);
    }

    private StatesError fail(JsonNode state, JsonNode input, ObjectNode context, String where) {
        String error = state.has("ErrorPath") ? text(state.get("ErrorPath").asText(), input, context, where + " ErrorPath")
                : state.path("Error").asText("");
        String cause = state.has("CausePath") ? text(state.get("CausePath").asText(), input, context, where + " CausePath")
                : state.path("Cause").asText(null);
        return new StatesError(error, cause);
    }

    private String text(String pathOrCall, JsonNode input, ObjectNode context, String where) {
        JsonNode value = PayloadTemplate.dynamic(pathOrCall, input, context, uuids, where);
        if (!value.isTextual()) {
            throw new StatesError(StatesError.RUNTIME, where + ": " + value + " is not a string");
        }
        return value.asText();
    }

    private void sleep(long millis, String where) {
        if (millis <= 0) {
            return;
        }
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatesError(StatesError.RUNTIME, where + ": interrupted while waiting");
        }
    }

    private static JsonNode inputOf(JsonNode state, JsonNode input, ObjectNode context, String where) {
        if (!state.has("InputPath")) {
            return input;
        }
        return state.get("InputPath").isNull() ? JsonPaths.emptyObject()
                : JsonPaths.require(input, context, state.get("InputPath").asText(), where + " InputPath");
    }

    private static JsonNode output(JsonNode state, JsonNode data, ObjectNode context, String where) {
        if (!state.has("OutputPath")) {
            return data;
        }
        return state.get("OutputPath").isNull() ? JsonPaths.emptyObject()
                : JsonPaths.require(data, context, state.get("OutputPath").asText(), where + " OutputPath");
    }

    private static ThreadFactory daemonThreads(String machineName) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sfn-" + machineName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Everything an executor needs; only {@code tasks} is required. */
    public static final class Builder {
        private final String machineName;
        private final StateMachine machine;
        private TaskInvoker tasks;
        private ObjectReader objects;
        private int threads = 64;
        private Sleeper sleeper = Sleeper.REAL;
        private DoubleSupplier random = Math::random;
        private Supplier<UUID> uuids = UUID::randomUUID;
        private Clock clock = Clock.systemUTC();

        private Builder(String machineName, StateMachine machine) {
            this.machineName = Objects.requireNonNull(machineName, "machineName");
            this.machine = Objects.requireNonNull(machine, "machine");
        }

        public Builder tasks(TaskInvoker tasks) {
            this.tasks = tasks;
            return this;
        }

        /** Reads the ItemReader's S3 objects (needed only by a Distributed Map with an ItemReader). */
        public Builder objects(ObjectReader objects) {
            this.objects = objects;
            return this;
        }

        /** The most children of one Map or Parallel state in flight at once (default 64). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        /** A value in [0, 1) for FULL jitter. */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** States.UUID() and child execution names. */
        public Builder uuids(Supplier<UUID> uuids) {
            this.uuids = Objects.requireNonNull(uuids);
            return this;
        }

        /** Context object times and Wait Timestamp. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public StateMachineExecutor build() {
            return new StateMachineExecutor(this);
        }
    }
}
