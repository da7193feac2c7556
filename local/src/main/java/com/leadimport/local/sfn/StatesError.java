package com.leadimport.local.sfn;

/**
 * An error as Step Functions names it: {@code error} is matched by Retry/Catch ErrorEquals
 * (a Lambda's Java exception class name, or a {@code States.*} name), {@code cause} explains.
 */
public class StatesError extends RuntimeException {

    private final String error;
    private final String cause;

    public StatesError(String error, String cause) {
        super(error + ": " + cause);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    /** Errors States.ALL does not catch (the spec's terminal errors). */
    boolean terminal() {
        return error.equals("States.Runtime") || error.equals("States.DataLimitExceeded");
    }
}
