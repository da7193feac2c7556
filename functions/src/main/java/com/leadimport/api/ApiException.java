package com.leadimport.api;

import java.util.List;

/** A request the API refuses: the status, and messages naming the field at fault. */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<String> errors;

    public ApiException(int status, String error) {
        this(status, List.of(error));
    }

    public ApiException(int status, List<String> errors) {
        super(String.join("; ", errors));
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<String> errors() {
        return errors;
    }
}
