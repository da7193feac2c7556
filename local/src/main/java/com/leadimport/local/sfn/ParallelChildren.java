package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs the children of a Map or Parallel state on the executor's worker threads, at most
 * {@code limit} at once, and gathers their results in child order. Failures are recorded in
 * the order they happen; once {@link #failsWhole} says the state fails no further child starts,
 * the children already running finish, and {@link #wholeError} is raised.
 */
abstract class ParallelChildren<C> {

    record Failure<C>(C child, int index, StatesError error) {
    }

    private final StateMachineExecutor executor;
    private final int limit;
    private final String where;

    ParallelChildren(StateMachineExecutor executor, int limit, String where) {
        this.executor = executor;
        this.limit = Math.max(1, limit);
        this.where = where;
    }

    abstract JsonNode runChild(C child, int index);

    /** Whether these failures (so far) fail the whole state. */
    abstract boolean failsWhole(List<Failure<C>> failures);

    abstract StatesError wholeError(List<Failure<C>> failures);

    ArrayNode run(List<C> children) {
        Semaphore permits = new Semaphore(limit);
        List<Failure<C>> failures = new ArrayList<>();
        JsonNode[] results = new JsonNode[children.size()];
        List<Future<?>> started = new ArrayList<>();
        try {
            for (int i = 0; i < children.size(); i++) {
                permits.acquire();
                if (failing(failures)) {
                    permits.release();
                    break;
                }
                int index = i;
                C child = children.get(i);
                started.add(executor.workers().submit(() -> {
                    try {
                        results[index] = runChild(child, index);
                    } catch (StatesError e) {
                        record(failures, new Failure<>(child, index, e));
                    } catch (RuntimeException e) {
                        record(failures, new Failure<>(child, index, new StatesError(StatesError.RUNTIME,
                                where + ": child " + index + " failed unexpectedly: " + e)));
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Future<?> future : started) {
                future.get();
            }
        } catch (InterruptedException e) {
            started.forEach(future -> future.cancel(true));
            Thread.currentThread().interrupt();
            throw new StatesError(StatesError.RUNTIME, where + ": interrupted");
        } catch (ExecutionException e) {
            throw new StatesError(StatesError.RUNTIME, where + ": " + e.getCause());
        }
        synchronized (failures) {
            if (failsWhole(failures)) {
                throw wholeError(failures);
            }
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode result : results) {
            out.add(result == null ? JsonNodeFactory.instance.nullNode() : result);
        }
        return out;
    }

    private boolean failing(List<Failure<C>> failures) {
        synchronized (failures) {
            return failsWhole(failures);
        }
    }

    private void record(List<Failure<C>> failures, Failure<C> failure) {
        synchronized (failures) {
            failures.add(failure);
        }
    }
}
