package com.leadimport.local.sfn;

/** The definition uses something the local executor does not run (or is not valid States Language). */
public class DefinitionException extends RuntimeException {
    public DefinitionException(String message) {
        super(message);
    }
}
