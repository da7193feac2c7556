package com.leadimport.local.sfn;

/** Waits between retries; tests record the delays instead of waiting them. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = millis -> Thread.sleep(millis);

    void sleep(long millis) throws InterruptedException;
}
