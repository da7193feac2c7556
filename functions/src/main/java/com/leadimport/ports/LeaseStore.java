package com.leadimport.ports;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Leases on lists, so that imports whose dedupe scopes overlap run one after the other (the
 * Step Functions "semaphore in DynamoDB" pattern). An import takes the lease of every list it
 * writes or dedupes against, or {@link #EVERY_LIST} for a global scope, which excludes every
 * list lease and is excluded by any. A lease lapses at its expiry, so a failed or timed-out
 * execution that never released it holds nothing for long; its owner renews it while it works.
 */
public interface LeaseStore {

    /** The lease a global dedupe scope takes: it excludes, and is excluded by, every list's. */
    String EVERY_LIST = "*";

    /**
     * Takes the leases of all the names for {@code owner} until {@code until}, or none of them.
     * An owner taking its own leases again renews them. @return false when another owner holds one
     */
    boolean acquire(Set<String> names, String owner, Instant now, Instant until);

    /** Extends the owner's leases until {@code until} (those it still holds). */
    void renew(String owner, Instant until);

    /** Lets go of every lease the owner holds. Idempotent. */
    void release(String owner);

    /** Unexpired leases: name to owner. */
    Map<String, String> held(Instant now);
}
