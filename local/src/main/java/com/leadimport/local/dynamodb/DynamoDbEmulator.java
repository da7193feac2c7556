package com.leadimport.local.dynamodb;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.zip.CRC32;

/**
 * A DynamoDB-compatible server inside the JVM, on 127.0.0.1: the JSON protocol the AWS SDK
 * speaks, the operations and expressions this project uses (see {@link Engine}), anything
 * else refused by name. Written for this project because Amazon's DynamoDB Local is not open
 * source.
 *
 * <p>Durability: with a data folder, each changed table is saved as a JSON snapshot
 * ({@code <table>.table.json}, written to a temporary file, forced to disk and moved into
 * place, so a file is always a whole snapshot) by a background thread every two seconds, and
 * on {@link #close()}. A crash (or kill -9) loses at most the last couple of seconds of
 * writes, plus however long writing the snapshot of a large table takes. Writes are not
 * blocked while a snapshot is written: the table is only locked to take the list of its items.
 * Without a data folder, data lives in memory only.
 */
public final class DynamoDbEmulator implements AutoCloseable {

    static {
        // the JDK server writes headers and body separately: without TCP_NODELAY every response
        // waits out a delayed ACK (~40 ms), which caps a connection at a few dozen requests a second
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";

    private final Engine engine = new Engine();
    private final HttpServer server;
    private final ExecutorService workers;
    private final Path dataDir;
    private final ScheduledExecutorService saver;

    private DynamoDbEmulator(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        if (dataDir != null) {
            load();
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.workers = Executors.newFixedThreadPool(8, daemon("dynamodb-emulator"));
        server.setExecutor(workers);
        server.createContext("/", this::exchange);
        server.start();
        if (dataDir != null) {
            saver = Executors.newSingleThreadScheduledExecutor(daemon("dynamodb-snapshots"));
            saver.scheduleWithFixedDelay(this::saveQuietly, 2, 2, TimeUnit.SECONDS);
        } else {
            saver = null;
        }
    }

    /** @param dataDir where tables persist between runs, or null to keep them in memory */
    public static DynamoDbEmulator start(Path dataDir) {
        try {
            return new DynamoDbEmulator(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("the DynamoDB emulator did not start", e);
        }
    }

    /**
     * Runs the emulator as its own process (the e2e benchmark keeps DynamoDB out of the measured
     * JVM, as it is on AWS): prints {@code endpoint <uri>}, serves until standard input closes.
     */
    public static void main(String[] args) throws IOException {
        try (DynamoDbEmulator emulator = start(args.length > 0 ? Path.of(args[0]) : null)) {
            System.out.println("endpoint " + emulator.endpoint());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes our input
            }
        }
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
        if (saver != null) {
            saver.shutdownNow();
            save();
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
            response = engine.handle(target.substring(TARGET_PREFIX.length()), request == null ? MAPPER.createObjectNode() : request);
        } catch (DynamoDbException e) {
            status = 400;
            response = error(e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            status = 400;
            response = error("SerializationException", "the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            status = 500;
            response = error("InternalServerError", "the local emulator failed: " + e);
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

    // ---------- persistence ----------

    private static final String SUFFIX = ".table.json";

    /** The version of each table (by identity: a table deleted and created again is a new one) last written. */
    private final Map<Table, Long> saved = new IdentityHashMap<>();

    private void load() throws IOException {
        Files.createDirectories(dataDir);
        try (var files = Files.list(dataDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                JsonNode snapshot = MAPPER.readTree(file.toFile());
                Table table = engine.restore((ObjectNode) snapshot.get("definition"));
                for (JsonNode item : snapshot.get("items")) {
                    table.put((ObjectNode) item);
                }
                saved.put(table, table.version);
            }
        }
    }

    private void saveQuietly() {
        try {
            save();
        } catch (RuntimeException e) {
            // keep the saver alive: the next round tries again
            System.err.println("DynamoDB emulator: " + e.getMessage());
        }
    }

    private synchronized void save() {
        try {
            for (Table table : List.copyOf(engine.tables.values())) {
                Long savedVersion = saved.get(table);
                if (savedVersion != null && savedVersion == table.version) {
                    continue;
                }
                ObjectNode definition;
                List<ObjectNode> items;
                long version;
                Lock lock = table.lock.readLock();
                lock.lock();
                try {
                    // stored items are never changed in place (an update stores a copy), so the
                    // list can be written after the lock is let go
                    version = table.version;
                    definition = table.definition.deepCopy();
                    items = table.all();
                } finally {
                    lock.unlock();
                }
                write(table.name, definition, items);
                saved.put(table, version);
            }
            saved.keySet().removeIf(table -> engine.tables.get(table.name) != table);
            try (var files = Files.list(dataDir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                    String name = file.getFileName().toString();
                    if (!engine.tables.containsKey(name.substring(0, name.length() - SUFFIX.length()))) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the DynamoDB emulator's tables to " + dataDir, e);
        }
    }

    private void write(String name, ObjectNode definition, List<ObjectNode> items) throws IOException {
        Path file = dataDir.resolve(name + SUFFIX);
        Path temp = dataDir.resolve(name + SUFFIX + ".tmp");
        try (FileOutputStream stream = new FileOutputStream(temp.toFile());
             JsonGenerator out = MAPPER.getFactory().createGenerator(new BufferedOutputStream(stream, 1 << 16),
                     JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeFieldName("definition");
            MAPPER.writeTree(out, definition);
            out.writeArrayFieldStart("items");
            for (ObjectNode item : items) {
                MAPPER.writeTree(out, item);
            }
            out.writeEndArray();
            out.writeEndObject();
            out.flush();
            stream.getChannel().force(true);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
