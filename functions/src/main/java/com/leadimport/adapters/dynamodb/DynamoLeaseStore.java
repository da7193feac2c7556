package com.leadimport.adapters.dynamodb;

import static com.leadimport.adapters.dynamodb.Items.n;
import static com.leadimport.adapters.dynamodb.Items.s;

import com.leadimport.ports.LeaseStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * LeasesTable: PK {@code scope} (always {@code LEASES}: the few leases live in one partition, so
 * one query lists them), SK {@code name} (a list, or {@code *}); {@code owner} and
 * {@code expiresAt} (epoch seconds). Each lease is taken with a conditional put (free, lapsed, or
 * already ours), in name order; if one is held by another owner the ones taken are let go.
 *
 * <p>The global lease without a transaction: a list import puts its list leases, then reads
 * {@code *} consistently; a global import puts {@code *}, then queries every lease consistently.
 * Whichever put comes second, its own read sees the other's lease, so the two never both hold
 * (both may back off, and try again later).
 */
public final class DynamoLeaseStore implements LeaseStore {

    private static final String SCOPE = "LEASES";

    private final DynamoDbClient client;
    private final String table;

    public DynamoLeaseStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public boolean acquire(Set<String> names, String owner, Instant now, Instant until) {
        List<String> taken = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            if (!take(name, owner, now, until)) {
                release(owner);
                return false;
            }
            taken.add(name);
        }
        Map<String, String> others = held(now);
        others.values().removeIf(owner::equals);
        boolean clear = names.contains(EVERY_LIST) ? others.isEmpty() : !others.containsKey(EVERY_LIST);
        if (!clear) {
            release(owner);
        }
        return clear;
    }

    private boolean take(String name, String owner, Instant now, Instant until) {
        try {
            client.putItem(b -> b.tableName(table).item(Map.of("scope", s(SCOPE), "name", s(name), "owner", s(owner),
                            "expiresAt", n(until.getEpochSecond())))
                    .conditionExpression("attribute_not_exists(#n) OR #o = :me OR expiresAt <= :now")
                    .expressionAttributeNames(Map.of("#n", "name", "#o", "owner"))
                    .expressionAttributeValues(Map.of(":me", s(owner), ":now", n(now.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException heldByAnother) {
            return false;
        }
    }

    @Override
    public void renew(String owner, Instant until) {
        for (String name : namesOf(owner)) {
            try {
                client.updateItem(b -> b.tableName(table).key(key(name)).updateExpression("SET expiresAt = :t")
                        .conditionExpression("#o = :me").expressionAttributeNames(Map.of("#o", "owner"))
                        .expressionAttributeValues(Map.of(":t", n(until.getEpochSecond()), ":me", s(owner))));
            } catch (ConditionalCheckFailedException lost) {
                // lapsed and taken by another owner meanwhile: nothing of ours to renew
            }
        }
    }

    @Override
    public void release(String owner) {
        for (String name : namesOf(owner)) {
            try {
                client.deleteItem(b -> b.tableName(table).key(key(name)).conditionExpression("#o = :me")
                        .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":me", s(owner))));
            } catch (ConditionalCheckFailedException notOurs) {
                // another owner has it now
            }
        }
    }

    @Override
    public Map<String, String> held(Instant now) {
        Map<String, String> held = new HashMap<>();
        for (Map<String, AttributeValue> item : all()) {
            Long expiresAt = Items.number(item, "expiresAt");
            if (expiresAt != null && expiresAt > now.getEpochSecond()) {
                held.put(Items.string(item, "name"), Items.string(item, "owner"));
            }
        }
        return held;
    }

    private List<String> namesOf(String owner) {
        List<String> names = new ArrayList<>();
        for (Map<String, AttributeValue> item : all()) {
            if (owner.equals(Items.string(item, "owner"))) {
                names.add(Items.string(item, "name"));
            }
        }
        return names;
    }

    private List<Map<String, AttributeValue>> all() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (QueryResponse page : client.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "scope"))
                .expressionAttributeValues(Map.of(":s", s(SCOPE))))) {
            items.addAll(page.items());
        }
        return items;
    }

    private static Map<String, AttributeValue> key(String name) {
        return Map.of("scope", s(SCOPE), "name", s(name));
    }
}
