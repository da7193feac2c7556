package com.leadimport.local;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults the local runtime injects, to show that nothing is lost or doubled when the services
 * misbehave as they do on AWS: the DynamoDB server throttles a share of requests or leaves part
 * of a batch unprocessed; S3 answers a share of requests 500 InternalError; a share of task
 * invocations fail before their step runs, or after it (its answer lost). Off by default; on
 * with {@code LEAD_IMPORT_FAULTS=dynamodb=0.05,s3=0.05,tasks=0.05} (shares of 0 to 1).
 */
public final class Faults {

    public static final Faults NONE = new Faults(0, 0, 0);

    private final double dynamoDb;
    private final double s3;
    private final double tasks;
    private final Map<String, AtomicLong> injected = new TreeMap<>();
    private volatile boolean stopped;

    public Faults(double dynamoDb, double s3, double tasks) {
        for (double share : new double[] {dynamoDb, s3, tasks}) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("a fault share is between 0 and 1, got " + share);
            }
        }
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.tasks = tasks;
    }

    /** From {@code LEAD_IMPORT_FAULTS}, or none. */
    static Faults configured() {
        String value = System.getenv("LEAD_IMPORT_FAULTS");
        if (value == null || value.isBlank()) {
            return NONE;
        }
        double dynamoDb = 0;
        double s3 = 0;
        double tasks = 0;
        for (String part : value.split(",")) {
            String[] pair = part.trim().split("=");
            if (pair.length != 2) {
                throw new IllegalArgumentException("LEAD_IMPORT_FAULTS: expected name=share, got '" + part + "'");
            }
            double share = Double.parseDouble(pair[1]);
            switch (pair[0].trim().toLowerCase(Locale.ROOT)) {
                case "dynamodb" -> dynamoDb = share;
                case "s3" -> s3 = share;
                case "tasks" -> tasks = share;
                default -> throw new IllegalArgumentException("LEAD_IMPORT_FAULTS: no fault named '" + pair[0] + "'"
                        + " (dynamodb, s3, tasks)");
            }
        }
        return new Faults(dynamoDb, s3, tasks);
    }

    public boolean any() {
        return dynamoDb > 0 || s3 > 0 || tasks > 0;
    }

    public double dynamoDb() {
        return dynamoDb;
    }

    public double s3() {
        return s3;
    }

    public double tasks() {
        return tasks;
    }

    /** Whether to inject a fault now, at this share; counted under {@code kind} when it does. */
    public boolean roll(double share, String kind) {
        if (share > 0 && !stopped && ThreadLocalRandom.current().nextDouble() < share) {
            synchronized (injected) {
                injected.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            }
            return true;
        }
        return false;
    }

    /** Injects nothing more from now on (a test reading back what was done under faults). */
    public void stop() {
        stopped = true;
    }

    /** How many faults of each kind were injected so far. */
    public Map<String, Long> injected() {
        synchronized (injected) {
            Map<String, Long> counts = new TreeMap<>();
            injected.forEach((kind, count) -> counts.put(kind, count.get()));
            return counts;
        }
    }
}
