package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Task state's call of a Lambda function. With {@code arn:aws:states:::lambda:invoke} the
 * effective Parameters give FunctionName and Payload and the result is
 * {@code {"ExecutedVersion": "$LATEST", "Payload": ..., "StatusCode": 200}}; with a function
 * as the Resource the effective input is the payload and the result is the function's own.
 * An exception from the function is an error named by its fully qualified class name (the Java
 * Lambda runtime's errorType) with the cause {@code {"errorMessage", "errorType", "stackTrace"}}
 * as a JSON string. TimeoutSeconds is enforced: past it the call is a States.Timeout and the
 * function's thread is interrupted.
 */
final class TaskCall {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TaskCall() {
    }

    static JsonNode run(JsonNode state, JsonNode effective, TaskInvoker invoker, ExecutorService workers, String where) {
        String resource = state.get("Resource").asText();
        boolean integration = resource.equals(DefinitionValidator.LAMBDA_INVOKE);
        String function;
        JsonNode payload;
        if (integration) {
            JsonNode functionName = effective.path("FunctionName");
            if (!functionName.isTextual()) {
                throw new StatesError(StatesError.RUNTIME, where + ": FunctionName is not a string: " + functionName);
            }
            function = functionName.asText();
            payload = effective.path("Payload");
        } else {
            function = resource;
            payload = effective;
        }
        JsonNode output = state.has("TimeoutSeconds")
                ? invokeWithTimeout(invoker, function, payload, state.get("TimeoutSeconds").asInt(), workers, where)
                : invoke(invoker, function, payload);
        if (!integration) {
            return output == null ? JSON.nullNode() : output;
        }
        ObjectNode result = JSON.objectNode();
        result.put("ExecutedVersion", "$LATEST");
        result.set("Payload", output == null ? JSON.nullNode() : output);
        result.put("StatusCode", 200);
        return result;
    }

    private static JsonNode invoke(TaskInvoker invoker, String function, JsonNode payload) {
        try {
            return invoker.invoke(function, payload);
        } catch (StatesError e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw lambdaError(e);
        } catch (Exception e) {
            throw lambdaError(e);
        }
    }

    private static JsonNode invokeWithTimeout(TaskInvoker invoker, String function, JsonNode payload, int seconds,
                                              ExecutorService workers, String where) {
        Future<JsonNode> call = workers.submit(() -> invoke(invoker, function, payload));
        try {
            return call.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new StatesError(StatesError.TIMEOUT, where + ": the task did not finish within " + seconds + " seconds");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatesError error) {
                throw error;
            }
            throw lambdaError(e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new StatesError(StatesError.RUNTIME, where + ": interrupted");
        }
    }

    static StatesError lambdaError(Throwable e) {
        String errorType = e.getClass().getName();
        ObjectNode cause = JSON.objectNode();
        cause.put("errorMessage", e.getMessage());
        cause.put("errorType", errorType);
        cause.putArray("stackTrace");
        return new StatesError(errorType, cause.toString());
    }
}
