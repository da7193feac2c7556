package com.leadimport.adapters.dynamodb;

import static com.leadimport.adapters.dynamodb.Items.s;

import com.leadimport.ports.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** AuditTable: PK {@code day} (UTC yyyy-MM-dd), SK {@code at} (ISO instant + a unique suffix): a day's changes in order. */
public final class DynamoAuditLog implements AuditLog {

    private static final int DAYS_BACK = 31;

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;

    public DynamoAuditLog(DynamoDbClient client, String table, Clock clock) {
        this.client = client;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void record(String who, String action, String detail) {
        Instant at = clock.instant();
        client.putItem(b -> b.tableName(table).item(Map.of("day", s(LocalDate.ofInstant(at, ZoneOffset.UTC).toString()),
                "at", s(at + "#" + UUID.randomUUID()), "who", s(who), "action", s(action), "detail", s(detail))));
    }

    @Override
    public List<Entry> recent(int limit) {
        List<Entry> entries = new ArrayList<>();
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (int back = 0; back < DAYS_BACK && entries.size() < limit; back++) {
            String d = day.minusDays(back).toString();
            int remaining = limit - entries.size();
            for (Map<String, AttributeValue> item : client.query(b -> b.tableName(table).keyConditionExpression("#d = :d")
                    .expressionAttributeNames(Map.of("#d", "day")).expressionAttributeValues(Map.of(":d", s(d)))
                    .scanIndexForward(false).limit(remaining)).items()) {
                String at = Items.string(item, "at");
                entries.add(new Entry(Instant.parse(at.substring(0, at.indexOf('#'))), Items.string(item, "who"),
                        Items.string(item, "action"), Items.string(item, "detail")));
            }
        }
        return entries;
    }
}
