package com.leadimport.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import com.leadimport.local.Faults;

/**
 * A DynamoDB-compatible server inside the JVM, on 127.0.0.1: the JSON protocol the AWS SDK
 * speaks, the operations and expressions this project sends (see {@link Engine}), anything
 * else refused by name. Written for this project because Amazon's DynamoDB Local is not open
 * source. Tables and indexes live on disk in RocksDB ({@link Storage}): with a data folder they
 * persist there between runs; without one, in a temporary folder removed on {@link #close()}.
 */
public final class DynamoDbEmulator implements AutoCloseable {

    static {
        // the JDK server writes headers and body separately: without TCP_NODELAY every response
        // waits out a delayed ACK (~40 ms), which caps a connection at a few dozen requests a second
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";

    private final Engine engine;
    private final HttpServer server;
    private final ExecutorService workers;
    private final Path temporary;
    private volatile Faults faults = Faults.NONE;

    private DynamoDbEmulator(Path dataDir) throws IOException {
        this.temporary = dataDir == null ? Files.createTempDirectory("lead-import-dynamodb") : null;
        this.engine = new Engine(Storage.open(dataDir == null ? temporary : dataDir));
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            engine.close();
            throw e;
        }
        this.workers = Executors.newFixedThreadPool(8, daemon("dynamodb-server"));
        server.setExecutor(workers);
        server.createContext("/", this::exchange);
        server.start();
    }

    /** @param dataDir where tables persist between runs, or null for a temporary store */
    public static DynamoDbEmulator start(Path dataDir) {
        try {
            return new DynamoDbEmulator(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("the DynamoDB server did not start", e);
        }
    }

    /**
     * Runs the server as its own process (the e2e benchmark keeps DynamoDB out of the measured
     * JVM, as it is on AWS; the crash test kills it): prints {@code endpoint <uri>}, serves until
     * standard input closes.
     */
    public static void main(String[] args) throws IOException {
        try (DynamoDbEmulator server = start(args.length > 0 ? Path.of(args[0]) : null)) {
            System.out.println("endpoint " + server.endpoint());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes our input
            }
        }
    }

    /**
     * Throttles a share of item, query and batch requests (400 ProvisionedThroughputExceededException,
     * before anything is done) and leaves a share of each batch's items unprocessed, as DynamoDB
     * does under load; the clients must retry and nothing may be lost or doubled.
     */
    public void injectFaults(Faults faults) {
        this.faults = faults;
    }

    /** Where items and their index entries disagree (none, unless the store is broken); reads everything. */
    public java.util.List<String> integrityProblems() {
        return engine.integrityProblems();
    }

    /** The capacity units every request consumed, as DynamoDB bills them, per table, index and partition key. */
    public Capacity capacity() {
        return engine.capacity();
    }

    /** Waits until the storage engine's background flushes and compactions have caught up (for benchmarks). */
    public void awaitIdle() throws InterruptedException {
        engine.awaitIdle();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
        if (temporary != null) {
            try (var paths = Files.walk(temporary)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            } catch (IOException e) {
                // a temporary folder left behind is harmless
            }
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        int status = 200;
        JsonNode response;
        try (InputStream body = exchange.getRequestBody()) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target == null || !target.startsWith(TARGET_PREFIX)) {
                throw DynamoDbException.validation("missing or unknown X-Amz-Target header");
            }
            JsonNode request = MAPPER.readTree(body);
            String operation = target.substring(TARGET_PREFIX.length());
            response = faults.dynamoDb() > 0
                    ? withFaults(operation, request == null ? MAPPER.createObjectNode() : (ObjectNode) request)
                    : engine.handle(operation, request == null ? MAPPER.createObjectNode() : request);
        } catch (DynamoDbException e) {
            status = 400;
            response = error(e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            status = 400;
            response = error("SerializationException", "the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            status = 500;
            response = error("InternalServerError", "the local DynamoDB server failed: " + e);
        }
        byte[] bytes = MAPPER.writeValueAsBytes(response);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().set("x-amz-crc32", Long.toString(crc.getValue()));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final java.util.Set<String> DATA_OPERATIONS = java.util.Set.of("GetItem", "PutItem", "UpdateItem",
            "DeleteItem", "Query", "BatchGetItem", "BatchWriteItem");

    private JsonNode withFaults(String operation, ObjectNode request) {
        if (!DATA_OPERATIONS.contains(operation)) {
            return engine.handle(operation, request);
        }
        if (faults.roll(faults.dynamoDb(), "dynamodb throttled")) {
            throw new DynamoDbException("ProvisionedThroughputExceededException",
                    "injected fault: the request rate exceeds the table's throughput");
        }
        String itemsField = "RequestItems";
        if (!operation.startsWith("Batch") || !request.has(itemsField)) {
            return engine.handle(operation, request);
        }
        // withhold a share of the batch, each table's part as the service leaves it
        ObjectNode withheld = MAPPER.createObjectNode();
        ObjectNode kept = MAPPER.createObjectNode();
        request.get(itemsField).fields().forEachRemaining(table -> {
            if (operation.equals("BatchWriteItem")) {
                com.fasterxml.jackson.databind.node.ArrayNode keep = kept.putArray(table.getKey());
                for (JsonNode write : table.getValue()) {
                    if (faults.roll(faults.dynamoDb(), "dynamodb unprocessed")) {
                        withheld.withArray(table.getKey()).add(write);
                    } else {
                        keep.add(write);
                    }
                }
                if (keep.isEmpty()) {
                    kept.remove(table.getKey());
                }
            } else {
                ObjectNode keep = table.getValue().deepCopy();
                kept.set(table.getKey(), keep);
                com.fasterxml.jackson.databind.node.ArrayNode keys = keep.putArray("Keys");
                for (JsonNode key : table.getValue().get("Keys")) {
                    if (faults.roll(faults.dynamoDb(), "dynamodb unprocessed")) {
                        ObjectNode part = (ObjectNode) withheld.get(table.getKey());
                        if (part == null) {
                            part = table.getValue().deepCopy();
                            part.putArray("Keys");
                            withheld.set(table.getKey(), part);
                        }
                        ((com.fasterxml.jackson.databind.node.ArrayNode) part.get("Keys")).add(key);
                    } else {
                        keys.add(key);
                    }
                }
                if (keys.isEmpty()) {
                    kept.remove(table.getKey());
                }
            }
        });
        if (withheld.isEmpty()) {
            return engine.handle(operation, request);
        }
        if (kept.isEmpty()) {
            throw new DynamoDbException("ProvisionedThroughputExceededException",
                    "injected fault: none of the batch could be processed");
        }
        request.set(itemsField, kept);
        ObjectNode response = (ObjectNode) engine.handle(operation, request);
        String unprocessed = operation.equals("BatchWriteItem") ? "UnprocessedItems" : "UnprocessedKeys";
        ObjectNode left = response.has(unprocessed) ? (ObjectNode) response.get(unprocessed) : response.putObject(unprocessed);
        withheld.fields().forEachRemaining(table -> {
            if (operation.equals("BatchWriteItem")) {
                table.getValue().forEach(write -> left.withArray(table.getKey()).add(write));
            } else if (left.has(table.getKey())) {
                table.getValue().get("Keys").forEach(key -> ((com.fasterxml.jackson.databind.node.ArrayNode) left
                        .get(table.getKey()).get("Keys")).add(key));
            } else {
                left.set(table.getKey(), table.getValue());
            }
        });
        return response;
    }

    private static JsonNode error(String type, String message) {
        ObjectNode error = MAPPER.createObjectNode();
        error.put("__type", "com.amazonaws.dynamodb.v20120810#" + type);
        error.put("message", message);
        return error;
    }

    private static JsonNode error(DynamoDbException e) {
        ObjectNode error = (ObjectNode) error(e.type(), e.getMessage());
        error.setAll(e.detail());
        return error;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
