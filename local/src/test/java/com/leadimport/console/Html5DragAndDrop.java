package com.leadimport.console;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.Event;
import org.openqa.selenium.json.Json;

/**
 * An HTML5 drag and drop by real input. The mouse is pressed on the source and moved, so
 * Chrome starts a drag (the page's own dragstart fills the dataTransfer); with
 * {@code Input.setInterceptDrags} Chrome hands that drag's data to us
 * ({@code Input.dragIntercepted}) instead of running an OS drag loop, and
 * {@code Input.dispatchDragEvent} carries it onto the target: dragenter, dragover and drop,
 * each awaited, through Chrome's own drag and drop (the page's dragover must accept it).
 *
 * <p>Why not Selenium's Actions, or mouse events alone: in headless chromium 156 they race
 * Chrome's start of the drag. Tried on this page's pattern, {@code Actions.dragAndDrop} and
 * bare {@code Input.dispatchMouseEvent} press/move/release fired dragstart (sometimes
 * dragenter) but no drop in some runs and dropped in others; a stepwise clickAndHold/move/
 * release missed the drop unless it moved once more over the target. Nothing there waits for
 * Chrome to have started the drag. And
 * {@code executeCdpCommand} cannot receive events: interception asked for through it sends
 * {@code dragIntercepted} to chromedriver's own session. So every command here goes through
 * one Selenium DevTools session, by CDP method name (no version-specific classes, as Debian's
 * chromium moves on).
 */
final class Html5DragAndDrop {

    private static final Event<Map<String, Object>> DRAG_INTERCEPTED =
            new Event<>("Input.dragIntercepted", input -> input.read(Json.MAP_TYPE));

    private Html5DragAndDrop() {
    }

    /** Drags {@code source} onto {@code target}, scrolling first so that both are on screen. */
    static void drag(ChromeDriver browser, WebElement source, WebElement target) {
        scrollBothIntoView(browser, source, target);
        Point from = centre(browser, source);
        Point to = centre(browser, target);
        DevTools devTools = browser.getDevTools();
        devTools.createSessionIfThereIsNotOne();
        CompletableFuture<Map<String, Object>> intercepted = new CompletableFuture<>();
        devTools.addListener(DRAG_INTERCEPTED, intercepted::complete);
        send(devTools, "Input.setInterceptDrags", Map.of("enabled", true));
        try {
            mouse(devTools, "mousePressed", from, 1);
            mouse(devTools, "mouseMoved", new Point(from.x() + 10, from.y() + 10), 1); // past Chrome's drag threshold
            Object data = intercepted.get(10, TimeUnit.SECONDS).get("data");
            for (String type : List.of("dragEnter", "dragOver", "drop")) {
                send(devTools, "Input.dispatchDragEvent", Map.of("type", type, "x", to.x(), "y", to.y(), "data", data));
            }
            mouse(devTools, "mouseReleased", to, 0);
        } catch (TimeoutException e) {
            throw new AssertionError("Chrome started no drag from " + source.getText() + " (is it draggable?)", e);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            send(devTools, "Input.setInterceptDrags", Map.of("enabled", false));
            devTools.clearListeners();
        }
    }

    private record Point(double x, double y) {
    }

    private static void scrollBothIntoView(ChromeDriver browser, WebElement source, WebElement target) {
        Object shown = browser.executeScript("""
                const [a, b] = [arguments[0].getBoundingClientRect(), arguments[1].getBoundingClientRect()];
                window.scrollBy(0, (Math.min(a.top, b.top) + Math.max(a.bottom, b.bottom) - innerHeight) / 2);
                return [arguments[0], arguments[1]].every((e) => {
                  const r = e.getBoundingClientRect();
                  return r.top >= 0 && r.bottom <= innerHeight;
                });""", source, target);
        if (!Boolean.TRUE.equals(shown)) {
            throw new IllegalStateException("the window is too small to show both ends of the drag at once");
        }
    }

    /** The element's centre in the viewport's CSS pixels, as CDP input events take it. */
    @SuppressWarnings("unchecked")
    private static Point centre(ChromeDriver browser, WebElement element) {
        Map<String, Number> rect = (Map<String, Number>) browser.executeScript(
                "const r = arguments[0].getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2};", element);
        return new Point(rect.get("x").doubleValue(), rect.get("y").doubleValue());
    }

    private static void mouse(DevTools devTools, String type, Point at, int buttons) {
        send(devTools, "Input.dispatchMouseEvent",
                Map.of("type", type, "x", at.x(), "y", at.y(), "button", "left", "buttons", buttons, "clickCount", 1));
    }

    private static void send(DevTools devTools, String method, Map<String, Object> params) {
        devTools.send(new Command<Void>(method, params));
    }
}
