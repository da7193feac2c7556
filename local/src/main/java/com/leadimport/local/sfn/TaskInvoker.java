package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs a Lambda function by name with a JSON payload; what the executor's Task states call. */
@FunctionalInterface
public interface TaskInvoker {

    /** @throws Exception the function's error: Step Functions names it by the exception's class name */
    JsonNode invoke(String functionName, JsonNode payload) throws Exception;
}
