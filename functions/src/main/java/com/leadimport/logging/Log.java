package com.leadimport.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadimport.domain.json.Json;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Structured logs: one JSON object a line (CloudWatch reads them as fields), each carrying the
 * import and the execution it is about, set once per invocation by the handler. A fault is logged
 * once, with its stack trace, under an id that the message a person reads quotes ("ref 3f2a9c1b"):
 * the id is derived from the import, the error and its message, so the step that records the
 * failure on the import computes the same id without the two talking.
 */
public final class Log {

    private static volatile PrintStream sink = System.err;
    private static final ThreadLocal<Map<String, String>> CONTEXT = ThreadLocal.withInitial(Map::of);

    private Log() {
    }

    /** Where lines go: standard error by default (Lambda sends it to CloudWatch), a file locally. */
    public static void sendTo(PrintStream stream) {
        sink = stream;
    }

    /** The import, execution and function the current thread works for, until {@link #clear()}. */
    public static void context(String function, String importId, String executionId) {
        Map<String, String> context = new java.util.LinkedHashMap<>();
        context.put("function", function);
        if (importId != null) {
            context.put("importId", importId);
        }
        if (executionId != null) {
            context.put("executionId", executionId);
        }
        CONTEXT.set(Map.copyOf(context));
    }

    public static void clear() {
        CONTEXT.remove();
    }

    public static void info(String event, Map<String, ?> fields) {
        write("INFO", event, fields, null);
    }

    /** Logs a fault with its stack trace; @return its id, for the message a person reads */
    public static String fault(String event, Throwable fault) {
        String id = faultId(CONTEXT.get().get("importId"), fault.getClass().getName(), fault.getMessage());
        write("ERROR", event, Map.of("faultId", id, "error", fault.getClass().getName(),
                "message", String.valueOf(fault.getMessage())), fault);
        return id;
    }

    /** The id of a fault: the same for the same import, error and message, wherever it is computed. */
    public static String faultId(String importId, String error, String message) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((importId + "\n" + error + "\n" + message).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(String level, String event, Map<String, ?> fields, Throwable fault) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("event", event);
        CONTEXT.get().forEach(line::put);
        fields.forEach((name, value) -> line.set(name, Json.MAPPER.valueToTree(value)));
        if (fault != null) {
            StringWriter trace = new StringWriter();
            fault.printStackTrace(new PrintWriter(trace));
            line.put("stackTrace", trace.toString());
        }
        try {
            String text = Json.MAPPER.writeValueAsString(line);
            synchronized (Log.class) {
                sink.println(text);
            }
        } catch (JsonProcessingException e) {
            sink.println("{\"level\":\"ERROR\",\"event\":\"log line not written\"}");
        }
    }
}
