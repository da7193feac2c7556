package com.leadimport.adapters.dynamodb;

import com.leadimport.ports.StoreUnavailableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The one place that batches DynamoDB work: BatchWriteItem in 25s and BatchGetItem in 100s,
 * sent concurrently on a small pool, with whatever the service leaves unprocessed (or
 * throttles) retried with exponential backoff and full jitter. When retries run out the store
 * is unavailable: {@link StoreUnavailableException}, which the workflow retries as a whole.
 */
final class Batches {

    /** The most write requests one BatchWriteItem takes. */
    private static final int WRITES_PER_BATCH = 25;
    private static final int MAX_ATTEMPTS = 10;
    private static final long BASE_DELAY_MS = 25;
    private static final long MAX_DELAY_MS = 2_000;
    static final ExecutorService POOL = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "dynamodb-batches");
        thread.setDaemon(true);
        return thread;
    });

    private final DynamoDbClient client;

    Batches(DynamoDbClient client) {
        this.client = client;
    }

    /** Writes every request (puts and deletes, any tables); no two requests may share a key within one table. */
    void write(Map<String, List<WriteRequest>> requests) {
        List<Map<String, List<WriteRequest>>> batches = new ArrayList<>();
        Map<String, List<WriteRequest>> batch = new HashMap<>();
        int size = 0;
        for (Map.Entry<String, List<WriteRequest>> table : requests.entrySet()) {
            for (WriteRequest request : table.getValue()) {
                batch.computeIfAbsent(table.getKey(), t -> new ArrayList<>()).add(request);
                if (++size == WRITES_PER_BATCH) {
                    batches.add(batch);
                    batch = new HashMap<>();
                    size = 0;
                }
            }
        }
        if (size > 0) {
            batches.add(batch);
        }
        concurrently(batches, this::writeBatch);
    }

    /**
     * Writes items whose requests are made on demand: the items are grouped in order so that each
     * group's requests ({@code writesOf} an item, at most 25 together) fit one BatchWriteItem, and
     * each group's requests are made ({@code batchOf}) on the thread that sends them, so only the
     * batches in flight are held, not all of them.
     */
    <T> void writeEach(List<T> items, ToIntFunction<T> writesOf, Function<List<T>, Map<String, List<WriteRequest>>> batchOf) {
        List<List<T>> groups = new ArrayList<>();
        List<T> group = new ArrayList<>(WRITES_PER_BATCH);
        int writes = 0;
        for (T item : items) {
            int itemWrites = writesOf.applyAsInt(item);
            if (writes + itemWrites > WRITES_PER_BATCH) {
                groups.add(group);
                group = new ArrayList<>(WRITES_PER_BATCH);
                writes = 0;
            }
            group.add(item);
            writes += itemWrites;
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        concurrently(groups, each -> writeBatch(batchOf.apply(each)));
    }

    private Void writeBatch(Map<String, List<WriteRequest>> batch) {
        Map<String, List<WriteRequest>> pending = batch;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                backoff(attempt, "BatchWriteItem");
            }
            try {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            } catch (ProvisionedThroughputExceededException | RequestLimitExceededException e) {
                // throttled as a whole: the same batch is tried again after the backoff
            }
        }
        return null;
    }

    /**
     * Gets every key of one table; items come back in no particular order, missing ones absent.
     * {@code consistent}: strongly consistent reads (every write acknowledged before is seen),
     * at twice the read units of eventually consistent ones.
     */
    List<Map<String, AttributeValue>> get(String table, List<Map<String, AttributeValue>> keys, boolean consistent,
                                          String projection, Map<String, String> names) {
        List<List<Map<String, AttributeValue>>> batches = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += 100) {
            batches.add(keys.subList(i, Math.min(keys.size(), i + 100)));
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (List<Map<String, AttributeValue>> found : concurrently(batches, batch -> getBatch(table, batch, consistent, projection, names))) {
            items.addAll(found);
        }
        return items;
    }

    private List<Map<String, AttributeValue>> getBatch(String table, List<Map<String, AttributeValue>> keys, boolean consistent,
                                                       String projection, Map<String, String> names) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        KeysAndAttributes.Builder first = KeysAndAttributes.builder().keys(keys).consistentRead(consistent);
        if (projection != null) {
            first.projectionExpression(projection);
            if (names != null && !names.isEmpty()) {
                first.expressionAttributeNames(names);
            }
        }
        Map<String, KeysAndAttributes> pending = Map.of(table, first.build());
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                backoff(attempt, "BatchGetItem");
            }
            try {
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(request));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            } catch (ProvisionedThroughputExceededException | RequestLimitExceededException e) {
                // throttled as a whole: the same keys are asked for again after the backoff
            }
        }
        return items;
    }

    /** Runs the calls on the pool and waits for all; the first failure is rethrown as is. */
    static <T, R> List<R> concurrently(List<T> inputs, Function<T, R> call) {
        if (inputs.size() == 1) {
            List<R> single = new ArrayList<>(1);
            single.add(call.apply(inputs.get(0)));
            return single;
        }
        List<Future<R>> futures = new ArrayList<>(inputs.size());
        for (T input : inputs) {
            futures.add(POOL.submit(() -> call.apply(input)));
        }
        List<R> results = new ArrayList<>(inputs.size());
        RuntimeException failure = null;
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("interrupted while waiting for DynamoDB", e);
            }
        }
        if (failure instanceof SdkClientException client) {
            throw new StoreUnavailableException("DynamoDB could not be reached: " + client.getMessage(), client);
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /** Sleeps a random time up to the exponential delay for this attempt ("full jitter"). */
    static void backoff(int attempt, String operation) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new StoreUnavailableException(operation + " still had unprocessed work after " + MAX_ATTEMPTS
                    + " attempts: DynamoDB is throttling", null);
        }
        long cap = Math.min(MAX_DELAY_MS, BASE_DELAY_MS << Math.min(attempt, 20));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted during backoff", e);
        }
    }
}
