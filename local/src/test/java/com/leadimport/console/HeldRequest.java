package com.leadimport.console;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.Event;
import org.openqa.selenium.json.Json;

/**
 * The first request the page makes to URLs matching a pattern, held by Chrome until the test
 * lets it through; later ones go through at once. So an answer can be made to arrive after a
 * later request's (Chrome DevTools Protocol, Fetch domain, through Selenium's DevTools session).
 */
final class HeldRequest implements AutoCloseable {

    private static final Event<Map<String, Object>> REQUEST_PAUSED =
            new Event<>("Fetch.requestPaused", input -> input.read(Json.MAP_TYPE));

    private final DevTools devTools;
    private final CompletableFuture<String> held = new CompletableFuture<>();

    /** @param urlPattern as CDP takes it: * for any characters */
    HeldRequest(ChromeDriver browser, String urlPattern) {
        devTools = browser.getDevTools();
        devTools.createSessionIfThereIsNotOne();
        devTools.addListener(REQUEST_PAUSED, paused -> {
            String requestId = (String) paused.get("requestId");
            if (!held.complete(requestId)) {
                letThrough(requestId);
            }
        });
        send("Fetch.enable", Map.of("patterns", List.of(Map.of("urlPattern", urlPattern))));
    }

    /** Waits until the first request is held. */
    void awaitHeld() {
        requestId();
    }

    /** Lets the held request go on to the server. */
    void letThrough() {
        letThrough(requestId());
    }

    private String requestId() {
        try {
            return held.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the page made no request to hold", e);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private void letThrough(String requestId) {
        send("Fetch.continueRequest", Map.of("requestId", requestId));
    }

    private void send(String method, Map<String, Object> params) {
        devTools.send(new Command<Void>(method, params));
    }

    @Override
    public void close() {
        send("Fetch.disable", Map.of());
        devTools.clearListeners();
    }
}
