package com.leadimport.local.sfn;

/**
 * An error as Step Functions names it: {@code error} is matched by Retry/Catch ErrorEquals
 * (a Lambda's Java exception class name, or a {@code States.*} name), {@code cause} explains.
 */
public class StatesError extends RuntimeException {

    static final String RUNTIME = "States.Runtime";
    static final String TIMEOUT = "States.Timeout";
    static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";

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

    /** The spec's terminal errors: no Retry or Catch handles them, not even by name. */
    boolean terminal() {
        return error.equals(RUNTIME) || error.equals("States.DataLimitExceeded");
    }

    /**
     * Whether a Retrier's or Catcher's ErrorEquals matches: by name; {@code States.ALL} any
     * non-terminal error; {@code States.TaskFailed} any non-terminal error but States.Timeout.
     */
    boolean matches(Iterable<com.fasterxml.jackson.databind.JsonNode> errorEquals) {
        if (terminal()) {
            return false;
        }
        for (com.fasterxml.jackson.databind.JsonNode name : errorEquals) {
            String n = name.asText();
            if (n.equals("States.ALL") || n.equals(error) || (n.equals("States.TaskFailed") && !error.equals(TIMEOUT))) {
                return true;
            }
        }
        return false;
    }
}
