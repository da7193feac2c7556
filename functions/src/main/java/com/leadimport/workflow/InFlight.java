package com.leadimport.workflow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A one-task step's work-file requests kept in flight side by side, a few at a time, instead of
 * waiting on each in turn (on S3 each costs tens of milliseconds, and such a step makes two for
 * every chunk). Reads come back in the order asked, at most {@code limit} ahead of the caller;
 * writes run behind the caller, at most {@code limit} at once. Memory holds at most that many
 * files. A request that fails fails the step: the next read gives its exception, and a failed
 * write surfaces at the next write or at {@link #awaitWrites}.
 */
final class InFlight implements AutoCloseable {

    private final int limit;
    private final ExecutorService threads;
    private final Deque<Future<?>> writes = new ArrayDeque<>();

    InFlight(int limit, String name) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one request in flight, got " + limit);
        }
        this.limit = limit;
        this.threads = Executors.newFixedThreadPool(limit, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reads each key in order, keeping up to {@code limit} reads ahead of the caller. */
    <T> Iterator<T> inOrder(List<String> keys, Function<String, T> read) {
        return new Iterator<>() {
            private final Deque<Future<T>> ahead = new ArrayDeque<>();
            private int next;

            {
                fill();
            }

            private void fill() {
                while (ahead.size() < limit && next < keys.size()) {
                    String key = keys.get(next++);
                    ahead.add(threads.submit(() -> read.apply(key)));
                }
            }

            @Override
            public boolean hasNext() {
                return !ahead.isEmpty();
            }

            @Override
            public T next() {
                if (ahead.isEmpty()) {
                    throw new NoSuchElementException();
                }
                T value = outcome(ahead.poll());
                fill();
                return value;
            }
        };
    }

    /** Starts a write once fewer than {@code limit} are in flight. */
    void write(Runnable write) {
        while (writes.size() >= limit) {
            outcome(writes.poll());
        }
        writes.add(threads.submit(write));
    }

    /** Waits for every write started; the first that failed fails the caller. */
    void awaitWrites() {
        while (!writes.isEmpty()) {
            outcome(writes.poll());
        }
    }

    private static <T> T outcome(Future<T> request) {
        try {
            return request.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a work file", e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
