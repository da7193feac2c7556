package com.leadimport.local;

import com.leadimport.api.ApiRequest;
import com.leadimport.api.ApiResponse;
import com.leadimport.domain.json.Json;
import com.leadimport.domain.request.Problem;
import com.leadimport.handlers.WizardApiHandler;
import com.leadimport.logging.Log;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve}: the console and the wizard API on 127.0.0.1, each API request turned into the
 * API Gateway event JSON and given to the same Lambda handler class, a supplier drop folder
 * ({@code DATA/drop/<supplier>/*.csv} is imported with that supplier's default, then moved to
 * {@code DATA/drop/<supplier>/done/}), and the purge at every midnight of the purge's zone.
 */
public final class LocalServer implements AutoCloseable {

    private static final Duration DROP_POLL = Duration.ofSeconds(2);

    private final LocalRuntime runtime;
    private final WizardApiHandler apiHandler;
    private final HttpServer server;
    private final Path dropFolder;
    /** A drop file as a poll saw it: unchanged between two polls, it has finished arriving. */
    private record Seen(long size, FileTime modified) {
    }

    /** Each waiting drop file at the previous poll. */
    private Map<Path, Seen> lastSeen = Map.of();
    private final ScheduledExecutorService background = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "local-server");
        thread.setDaemon(true);
        return thread;
    });

    private LocalServer(LocalRuntime runtime, int port, Path dropFolder, ZoneId purgeZone, Duration dropPoll) throws IOException {
        this.runtime = runtime;
        this.apiHandler = new WizardApiHandler(runtime.wizardApi());
        this.dropFolder = dropFolder;
        Files.createDirectories(dropFolder);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/api/", this::api);
        server.createContext("/", this::console);
        server.start();
        if (dropPoll != null) {
            background.scheduleWithFixedDelay(this::importDrops, 0, dropPoll.toMillis(), TimeUnit.MILLISECONDS);
        }
        scheduleMidnightPurge(purgeZone);
    }

    public static LocalServer start(LocalRuntime runtime, int port, Path dropFolder, ZoneId purgeZone) {
        return start(runtime, port, dropFolder, purgeZone, DROP_POLL);
    }

    /** As {@link #start}, polling the drop folder every {@code dropPoll}, or never when null (tests poll by hand). */
    static LocalServer start(LocalRuntime runtime, int port, Path dropFolder, ZoneId purgeZone, Duration dropPoll) {
        try {
            return new LocalServer(runtime, port, dropFolder, purgeZone, dropPoll);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void api(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        String path = exchange.getRequestURI().getPath();
        ApiRequest event = new ApiRequest(path, exchange.getRequestURI().getRawQuery(), headers, body, false,
                new ApiRequest.RequestContext(new ApiRequest.Http(exchange.getRequestMethod(), path), null));
        // through the Lambda handler itself, as the API Gateway event JSON it would receive
        ApiResponse response;
        try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            apiHandler.handleRequest(new ByteArrayInputStream(Json.bytes(event)), output,
                    new LocalContext("WizardApi", System.currentTimeMillis() + 30_000));
            response = Json.MAPPER.readValue(output.toByteArray(), ApiResponse.class);
        } catch (IOException | RuntimeException e) {
            // API Gateway answers a failed integration with a 500 too; the stack goes to the log, the person gets its ref
            String ref = Log.fault("api.integration.failed", e);
            response = ApiResponse.json(500, Map.of("errors", List.of(Problem.general("the server failed to handle "
                    + exchange.getRequestMethod() + " " + path + "; it has been logged (ref " + ref + ")"))));
        }
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.statusCode(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    /** The console's static files, as the console bucket serves them on AWS. */
    private void console(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String file = path.equals("/") ? "index.html" : path.substring(1);
        InputStream in = file.contains("..") ? null : LocalServer.class.getResourceAsStream("/console/" + file);
        if (in == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] bytes;
        try (in) {
            bytes = in.readAllBytes();
        }
        String extension = file.substring(file.lastIndexOf('.') + 1);
        exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Imports each file waiting in a supplier's drop folder, one at a time, then moves it to
     * done/. As on AWS, where any object under suppliers/ starts an import, a file that is not
     * a CSV gets a REFUSED import saying so. A file is taken only once its size and modification
     * time have held still since the previous poll, so one still being copied in is not
     * imported half-written; hidden files (editors' and copiers' temporaries) are left alone.
     */
    synchronized void importDrops() {
        Map<Path, Seen> seen = new HashMap<>();
        try (var suppliers = Files.list(dropFolder)) {
            for (Path supplier : suppliers.filter(Files::isDirectory).toList()) {
                List<Path> waiting;
                try (var files = Files.list(supplier)) {
                    waiting = files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().toList();
                }
                for (Path file : waiting) {
                    Seen state = new Seen(Files.size(file), Files.getLastModifiedTime(file));
                    seen.put(file, state);
                    if (!state.equals(lastSeen.get(file))) {
                        continue; // new or still growing: look again next poll
                    }
                    runtime.upload("suppliers/" + supplier.getFileName() + "/" + file.getFileName(), Files.readAllBytes(file));
                    Path done = Files.createDirectories(supplier.resolve("done"));
                    Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    seen.remove(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("drop folder: " + e);
        }
        lastSeen = seen;
    }

    /** From now to the start of the next day in now's zone (a whole day at midnight itself). */
    static Duration untilNextMidnight(ZonedDateTime now) {
        return Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(now.getZone()));
    }

    private void scheduleMidnightPurge(ZoneId zone) {
        background.schedule(() -> {
            try {
                runtime.purge(null);
            } catch (RuntimeException e) {
                String ref = Log.fault("purge.failed", e);
                System.err.println("midnight purge failed (ref " + ref + "; it runs again next midnight, `purge` runs it now)");
            } finally {
                scheduleMidnightPurge(zone);
            }
        }, untilNextMidnight(ZonedDateTime.now(zone)).toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        background.shutdownNow();
        server.stop(0);
    }
}
