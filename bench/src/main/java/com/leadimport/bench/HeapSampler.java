package com.leadimport.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/** The most heap in use at once, sampled every 10 ms (the pools' own peaks are not simultaneous). */
final class HeapSampler {

    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private HeapSampler() {
        thread = new Thread(() -> {
            while (running) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    static HeapSampler start() {
        System.gc();
        return new HeapSampler();
    }

    /** The peak so far, sampling on. */
    long peak() {
        return peak.get();
    }

    long stop() throws InterruptedException {
        running = false;
        thread.join();
        return peak.get();
    }
}
