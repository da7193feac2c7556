package com.leadimport.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A small W3C WebDriver client for Debian's chromedriver and headless Chromium: enough to
 * walk the console as a supervisor would (no Selenium on this machine's Maven mirror).
 */
final class WebDriver implements AutoCloseable {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final Process driver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    WebDriver() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String server = "http://127.0.0.1:" + port;
        waitFor(Duration.ofSeconds(20), () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(server + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        ObjectNode capabilities = JSON.createObjectNode();
        ObjectNode chrome = capabilities.putObject("capabilities").putObject("alwaysMatch").putObject("goog:chromeOptions");
        chrome.put("binary", CHROMIUM.toString());
        var args = chrome.putArray("args");
        for (String arg : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory("chromium"))) {
            args.add(arg);
        }
        JsonNode session = post(server + "/session", capabilities);
        base = server + "/session/" + session.path("value").path("sessionId").asText();
    }

    static boolean available() {
        return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    }

    void open(String url) throws Exception {
        post(base + "/url", JSON.createObjectNode().put("url", url));
    }

    String find(String css) throws Exception {
        JsonNode found = post(base + "/element", JSON.createObjectNode().put("using", "css selector").put("value", css));
        return found.path("value").path(ELEMENT).asText();
    }

    void click(String css) throws Exception {
        post(base + "/element/" + find(css) + "/click", JSON.createObjectNode());
    }

    void type(String css, String text) throws Exception {
        post(base + "/element/" + find(css) + "/value", JSON.createObjectNode().put("text", text));
    }

    /** Runs JavaScript in the page and returns its result. */
    JsonNode script(String script, Object... args) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        var array = body.putArray("args");
        for (Object arg : args) {
            array.add(String.valueOf(arg));
        }
        return post(base + "/execute/sync", body).path("value");
    }

    boolean visible(String css) throws Exception {
        return script("const e = document.querySelector(arguments[0]); return !!e && e.offsetParent !== null;", css).asBoolean();
    }

    String text(String css) throws Exception {
        return script("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css).asText();
    }

    void select(String css, String value) throws Exception {
        script("const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change'));", css, value);
    }

    void screenshot(Path file) throws Exception {
        JsonNode shot = get(base + "/screenshot");
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("value").asText()));
    }

    void waitUntil(String what, Duration timeout, CheckedCondition condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.met()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    interface CheckedCondition {
        boolean met() throws Exception;
    }

    private static void waitFor(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("chromedriver did not start");
            }
            Thread.sleep(100);
        }
    }

    private JsonNode post(String url, JsonNode body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private JsonNode get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).build());
    }

    private JsonNode send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() >= 400) {
            throw new IllegalStateException("WebDriver " + request.uri().getPath() + ": " + json.path("value").path("message").asText());
        }
        return json;
    }

    @Override
    public void close() throws Exception {
        try {
            http.send(HttpRequest.newBuilder(URI.create(base)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            driver.destroy();
        }
    }
}
