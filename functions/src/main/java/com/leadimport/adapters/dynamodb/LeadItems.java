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

/**
 * A stored lead as a LeadsTable item and back: fields by their JSON names, phones with their E.164
 * beside. Nothing the item's key already says is stored again: the list is in {@code listShard}, and
 * the import and row are in the lead id ({@code importId-row}; a lead whose id is not made so keeps
 * {@code importId} and {@code row}); {@code callAttempts} is stored once the dialler has made one.
 * A lead item is most of what an import writes, and each attribute is carried, parsed and stored.
 */
final class LeadItems {

    private LeadItems() {
    }

    /**
     * A lead's item.
     *
     * @param shared the values the leads written together share (list, shard, import, expiry, zones),
     *               each made once: attribute values are immutable
     */
    static Map<String, AttributeValue> item(StoredLead stored, Map<String, AttributeValue> shared) {
        Lead lead = stored.lead();
        // sized for a lead's usual 15-25 attributes without a resize
        Map<String, AttributeValue> item = new HashMap<>(64);
        item.put("listShard", shared.computeIfAbsent(DynamoLeadStore.listShard(stored.list(), stored.leadId()), Items::s));
        item.put("leadId", s(stored.leadId()));
        if (!stored.idNamesImportAndRow()) {
            item.put("importId", shared.computeIfAbsent(stored.importId(), Items::s));
            item.put("row", n(lead.rowNumber()));
        }
        if (stored.callAttempts() != 0) {
            item.put("callAttempts", n(stored.callAttempts()));
        }
        lead.fields().forEach((field, value) -> item.put(field.jsonName(), s(value)));
        lead.phones().forEach((field, phone) -> {
            item.put(field.jsonName(), s(phone.display()));
            Items.putIfPresent(item, field.jsonName() + "E164", phone.e164());
        });
        Items.putIfPresent(item, "callInfo", lead.callInfo());
        putShared(item, "timeZone", lead.timeZone(), shared);
        putShared(item, "numberTimeZone", lead.numberTimeZone(), shared);
        putShared(item, "secondaryTable", stored.secondaryTable(), shared);
        if (stored.expiresOn() != null) {
            item.put("expiresOn", shared.computeIfAbsent(stored.expiresOn().toString(), Items::s));
        }
        return item;
    }

    private static void putShared(Map<String, AttributeValue> item, String name, String value, Map<String, AttributeValue> shared) {
        if (value != null) {
            item.put(name, shared.computeIfAbsent(value, Items::s));
        }
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
        String leadId = Items.string(item, "leadId");
        String importId = Items.string(item, "importId");
        Long row = Items.number(item, "row");
        if (importId == null && leadId.lastIndexOf('-') > 0) {
            importId = StoredLead.importIdOf(leadId);
            long fromId = StoredLead.rowOf(leadId);
            row = fromId < 0 ? null : fromId;
        }
        String list = Items.string(item, "list");
        Lead lead = new Lead(row == null ? 0 : row, fields, phones, Items.string(item, "callInfo"),
                Items.string(item, "timeZone"), Items.string(item, "numberTimeZone"), secondary == null ? Map.of() : secondary);
        String expires = Items.string(item, "expiresOn");
        Long attempts = Items.number(item, "callAttempts");
        return new StoredLead(leadId, list == null ? DynamoLeadStore.listOf(Items.string(item, "listShard")) : list, importId, lead,
                Items.string(item, "secondaryTable"), expires == null ? null : LocalDate.parse(expires),
                attempts == null ? 0 : attempts.intValue());
    }
}
