package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.leadimport.domain.csv.FileRefusedException;
import com.leadimport.domain.json.Json;
import com.leadimport.domain.request.RequestRefusedException;
import com.leadimport.logging.Log;
import com.leadimport.ports.StoreUnavailableException;
import com.leadimport.workflow.ImportRefusedException;
import com.leadimport.workflow.SupplierNotConfiguredException;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A workflow step as a Lambda: decodes its JSON input with the project's one JSON
 * configuration (records, ISO dates), calls the step, encodes the result. Exceptions
 * propagate: Lambda reports their class name as the error the state machine retries or
 * catches.
 *
 * @param <I> the step's input, as the state machine passes it
 * @param <O> the step's output
 */
public abstract class JsonStepHandler<I, O> implements RequestStreamHandler {

    private final Class<I> inputType;

    protected JsonStepHandler(Class<I> inputType) {
        this.inputType = inputType;
    }

    public Class<I> inputType() {
        return inputType;
    }

    /**
     * Decodes the input, runs the step with the log's context set (the import and execution the
     * input names), encodes the result. A refusal of the file or request is logged as such; any
     * other exception as a fault, once, with its stack trace; both then go to the state machine.
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        com.fasterxml.jackson.databind.JsonNode tree = Json.MAPPER.readTree(input);
        Log.context(getClass().getSimpleName().replace("Handler", ""), text(tree, "importId"), text(tree, "executionId"));
        try {
            O result = handle(Json.MAPPER.treeToValue(tree, inputType), context);
            Json.MAPPER.writeValue(output, result);
        } catch (FileRefusedException | RequestRefusedException | ImportRefusedException | SupplierNotConfiguredException refused) {
            Log.info("refused", java.util.Map.of("reason", String.valueOf(refused.getMessage())));
            throw refused;
        } catch (RuntimeException fault) {
            Log.fault("step failed", fault);
            throw transientAsUnavailable(fault);
        } finally {
            Log.clear();
        }
    }

    /**
     * A throttle or a 5xx from an AWS service the SDK's own retries did not get past becomes
     * {@link StoreUnavailableException}, which every Task state retries: its class name
     * (ProvisionedThroughputExceededException, S3Exception...) is not one the Retry lists name.
     */
    static RuntimeException transientAsUnavailable(RuntimeException fault) {
        if (fault instanceof AwsServiceException service && (service.isThrottlingException() || service.statusCode() >= 500)) {
            return new StoreUnavailableException(service.awsErrorDetails() == null ? service.getMessage()
                    : service.awsErrorDetails().serviceName() + " answered " + service.awsErrorDetails().errorCode()
                    + " (" + service.statusCode() + ")", service);
        }
        return fault;
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode tree, String field) {
        com.fasterxml.jackson.databind.JsonNode node = tree == null ? null : tree.findValue(field);
        return node == null || !node.isTextual() ? null : node.asText();
    }

    protected abstract O handle(I input, Context context);
}
