package com.leadimport.local.sfn;

/** Waits between retries and in Wait states; tests record (or scale) the delays instead of waiting them. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = Thread::sleep;

    void sleep(long millis) throws InterruptedException;
}
