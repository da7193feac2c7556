package com.leadimport.adapters.dynamodb;

import static com.leadimport.adapters.dynamodb.Items.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.leadimport.domain.json.Json;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.Mapping;
import com.leadimport.domain.request.Settings;
import com.leadimport.ports.CatalogStore;
import com.leadimport.ports.ContactTable;
import com.leadimport.ports.SecondaryMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * CatalogTable: PK {@code kind} (LIST, SKILL_GROUP, SUPPLIER, SUPPLIER_DEFAULT, SETTINGS_PROFILE,
 * MAPPING_PROFILE, SECONDARY_MAPPING, CONTACT_TABLE, DNC_CATEGORY, MY_DEFAULT_SETTINGS), SK {@code name} (for
 * MY_DEFAULT_SETTINGS the user, {@code doc} the profile's name as JSON), {@code doc} the record
 * as JSON where it has more than a name. Each kind is one query.
 */
public final class DynamoCatalogStore implements CatalogStore {

    static final String DNC_CATEGORY = "DNC_CATEGORY";
    private static final String MY_DEFAULT_SETTINGS = "MY_DEFAULT_SETTINGS";

    private final DynamoDbClient client;
    private final String table;
    private final Batches batches;

    public DynamoCatalogStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
        this.batches = new Batches(client);
    }

    @Override
    public List<String> lists() {
        return names("LIST");
    }

    @Override
    public boolean listExists(String name) {
        return get("LIST", name).isPresent();
    }

    @Override
    public boolean createList(String name) {
        return create("LIST", name);
    }

    @Override
    public List<String> skillGroups() {
        return names("SKILL_GROUP");
    }

    @Override
    public boolean createSkillGroup(String name) {
        return create("SKILL_GROUP", name);
    }

    /** @return false when a {@code kind} called {@code name} existed already */
    private boolean create(String kind, String name) {
        return create(kind, name, Map.of());
    }

    /** The same with more attributes, written in the same conditional put: all or nothing. */
    boolean create(String kind, String name, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put("kind", s(kind));
        item.put("name", s(name));
        try {
            client.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#n)").expressionAttributeNames(Map.of("#n", "name")));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public List<String> suppliers() {
        return names("SUPPLIER");
    }

    @Override
    public void saveSupplier(String name) {
        put("SUPPLIER", name, null);
    }

    @Override
    public Optional<ImportRequest> supplierDefault(String supplier) {
        return get("SUPPLIER_DEFAULT", supplier).map(doc -> read(doc, ImportRequest.class));
    }

    @Override
    public void saveSupplierDefault(String supplier, ImportRequest request) {
        put("SUPPLIER_DEFAULT", supplier, request);
    }

    @Override
    public List<Settings> settingsProfiles() {
        return docs("SETTINGS_PROFILE", Settings.class);
    }

    @Override
    public void saveSettingsProfile(Settings settings, String owner) {
        put("SETTINGS_PROFILE", settings.name(), settings);
        if (owner == null) {
            return;
        }
        if (settings.myDefault()) {
            put(MY_DEFAULT_SETTINGS, owner, settings.name());
        } else if (myDefaultSettingsProfile(owner).filter(settings.name()::equals).isPresent()) {
            client.deleteItem(b -> b.tableName(table).key(Map.of("kind", s(MY_DEFAULT_SETTINGS), "name", s(owner))));
        }
    }

    @Override
    public Optional<String> myDefaultSettingsProfile(String owner) {
        return get(MY_DEFAULT_SETTINGS, owner).map(doc -> read(doc, String.class));
    }

    @Override
    public List<Mapping> mappingProfiles() {
        return docs("MAPPING_PROFILE", Mapping.class);
    }

    @Override
    public void saveMappingProfile(Mapping mapping) {
        put("MAPPING_PROFILE", mapping.name(), mapping);
    }

    @Override
    public List<SecondaryMapping> secondaryMappings() {
        return docs("SECONDARY_MAPPING", SecondaryMapping.class);
    }

    @Override
    public void saveSecondaryMapping(SecondaryMapping mapping) {
        // one per table and name: the separator cannot be in either (names refuse control characters)
        put("SECONDARY_MAPPING", mapping.secondary().table() + "\u001F" + mapping.name(), mapping);
    }

    @Override
    public List<ContactTable> contactTables() {
        return docs("CONTACT_TABLE", ContactTable.class);
    }

    @Override
    public Optional<ContactTable> contactTable(String name) {
        return get("CONTACT_TABLE", name).map(doc -> read(doc, ContactTable.class));
    }

    @Override
    public void saveContactTable(ContactTable contactTable) {
        put("CONTACT_TABLE", contactTable.name(), contactTable);
    }

    /** Removes an attribute from the item (creating the item, with its key alone, if it is missing). */
    void removeAttribute(String kind, String name, String attribute) {
        client.updateItem(b -> b.tableName(table).key(Map.of("kind", s(kind), "name", s(name)))
                .updateExpression("REMOVE #a").expressionAttributeNames(Map.of("#a", attribute)));
    }

    /** The items of these names, read consistently in one request (a handful of names at most). */
    Map<String, Map<String, AttributeValue>> items(String kind, java.util.Collection<String> names) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        new java.util.LinkedHashSet<>(names).forEach(name -> keys.add(Map.of("kind", s(kind), "name", s(name))));
        for (Map<String, AttributeValue> item : batches.get(table, keys, true, null, null)) {
            items.put(Items.string(item, "name"), item);
        }
        return items;
    }

    List<String> names(String kind) {
        List<String> names = new ArrayList<>();
        query(kind).forEach(item -> names.add(Items.string(item, "name")));
        return names;
    }

    void put(String kind, String name, Object doc) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("kind", s(kind), "name", s(name)));
        if (doc != null) {
            try {
                item.put("doc", s(Json.MAPPER.writeValueAsString(doc)));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot store " + doc.getClass().getSimpleName() + " as JSON", e);
            }
        }
        client.putItem(b -> b.tableName(table).item(item));
    }

    private Optional<String> get(String kind, String name) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                .key(Map.of("kind", s(kind), "name", s(name)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(item.containsKey("doc") ? item.get("doc").s() : "");
    }

    private <T> List<T> docs(String kind, Class<T> type) {
        List<T> docs = new ArrayList<>();
        query(kind).forEach(item -> docs.add(read(item.get("doc").s(), type)));
        return docs;
    }

    private List<Map<String, AttributeValue>> query(String kind) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (QueryResponse page : client.queryPaginator(QueryRequest.builder().tableName(table)
                .keyConditionExpression("kind = :k").expressionAttributeValues(Map.of(":k", s(kind))).build())) {
            items.addAll(page.items());
        }
        return items;
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " does not read back: " + e.getOriginalMessage(), e);
        }
    }
}
