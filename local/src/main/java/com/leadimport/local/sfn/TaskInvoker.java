package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs a Lambda function with a JSON payload; what Task states call. {@code function} is the
 * FunctionName of an {@code arn:aws:states:::lambda:invoke} task, or a direct task's Resource,
 * exactly as the definition gives it after substitution (a name or an ARN; the invoker maps it).
 */
@FunctionalInterface
public interface TaskInvoker {

    /**
     * @return the function's result (the lambda:invoke integration wraps it in {@code Payload})
     * @throws StatesError to name the error exactly (e.g. {@code Lambda.ServiceException})
     * @throws Exception   the function's error: Step Functions names it by the exception's
     *                     fully qualified class name, as the Java Lambda runtime's errorType
     */
    JsonNode invoke(String function, JsonNode payload) throws Exception;
}
