package com.leadimport.local.sfn;

/** A name that already ran was started again with a different input (StartExecution's ExecutionAlreadyExists). */
public class ExecutionAlreadyExistsException extends IllegalStateException {
    public ExecutionAlreadyExistsException(String message) {
        super(message);
    }
}
