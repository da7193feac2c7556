package com.leadimport.workflow;

/**
 * The import cannot start for a reason the supervisor can fix (unknown DNC category, a
 * supplier without a default, a list that does not exist...). Recorded as REFUSED.
 */
public class ImportRefusedException extends RuntimeException {
    public ImportRefusedException(String message) {
        super(message);
    }
}
