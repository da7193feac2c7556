package com.leadimport.adapters.dynamodb;

import static com.leadimport.adapters.dynamodb.Items.n;
import static com.leadimport.adapters.dynamodb.Items.s;

import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.row.Lead;
import com.leadimport.ports.StoredLead;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A stored lead as a LeadsTable item and back: fields by their JSON names, phones with their E.164 beside. */
final class LeadItems {

    private LeadItems() {
    }

    static Map<String, AttributeValue> item(StoredLead stored) {
        Lead lead = stored.lead();
        // sized for a lead's usual 15-25 attributes without a resize
        Map<String, AttributeValue> item = new HashMap<>(64);
        item.put("listShard", s(DynamoLeadStore.listShard(stored.list(), stored.leadId())));
        item.put("list", s(stored.list()));
        item.put("leadId", s(stored.leadId()));
        item.put("importId", s(stored.importId()));
        item.put("row", n(lead.rowNumber()));
        item.put("callAttempts", n(stored.callAttempts()));
        lead.fields().forEach((field, value) -> item.put(field.jsonName(), s(value)));
        lead.phones().forEach((field, phone) -> {
            item.put(field.jsonName(), s(phone.display()));
            Items.putIfPresent(item, field.jsonName() + "E164", phone.e164());
        });
        Items.putIfPresent(item, "callInfo", lead.callInfo());
        Items.putIfPresent(item, "timeZone", lead.timeZone());
        Items.putIfPresent(item, "numberTimeZone", lead.numberTimeZone());
        Items.putIfPresent(item, "secondaryTable", stored.secondaryTable());
        if (stored.expiresOn() != null) {
            item.put("expiresOn", s(stored.expiresOn().toString()));
        }
        return item;
    }

    /** The stored lead; secondary values are added by the caller from SecondaryRowsTable. */
    static StoredLead lead(Map<String, AttributeValue> item, Map<String, String> secondary) {
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        Map<LeadField, FormattedPhone> phones = new EnumMap<>(LeadField.class);
        for (LeadField field : LeadField.values()) {
            String value = Items.string(item, field.jsonName());
            if (value == null) {
                continue;
            }
            if (field.isPhone()) {
                phones.put(field, new FormattedPhone(value, Items.string(item, field.jsonName() + "E164")));
            } else {
                fields.put(field, value);
            }
        }
        Long row = Items.number(item, "row");
        Lead lead = new Lead(row == null ? 0 : row, fields, phones, Items.string(item, "callInfo"),
                Items.string(item, "timeZone"), Items.string(item, "numberTimeZone"), secondary == null ? Map.of() : secondary);
        String expires = Items.string(item, "expiresOn");
        Long attempts = Items.number(item, "callAttempts");
        return new StoredLead(Items.string(item, "leadId"), Items.string(item, "list"), Items.string(item, "importId"), lead,
                Items.string(item, "secondaryTable"), expires == null ? null : LocalDate.parse(expires),
                attempts == null ? 0 : attempts.intValue());
    }
}
