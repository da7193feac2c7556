package com.leadimport.ports;

/**
 * A store stayed throttled or unreachable after the adapter's own retries. Transient: the
 * workflow's Retry names this class, so the whole step is tried again later.
 */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
