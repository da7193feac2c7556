package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.leadimport.domain.json.Json;
import java.io.IOException;
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

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        I request = Json.MAPPER.readValue(input, inputType);
        O result = handle(request, context);
        Json.MAPPER.writeValue(output, result);
    }

    protected abstract O handle(I input, Context context);
}
