package com.leadimport.adapters.dynamodb;

import static com.leadimport.adapters.dynamodb.Items.s;

import com.leadimport.ports.DncStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * DncTable: PK {@code category}, SK {@code number} (E.164). A chunk's numbers are checked
 * against every ticked category with batched gets (100 keys a request). Custom categories
 * are remembered in the catalog (kind DNC_CATEGORY) so they are listed before they hold numbers.
 */
public final class DynamoDncStore implements DncStore {

    private final DynamoDbClient client;
    private final String table;
    private final DynamoCatalogStore catalog;
    private final Batches batches;

    public DynamoDncStore(DynamoDbClient client, String table, DynamoCatalogStore catalog) {
        this.client = client;
        this.table = table;
        this.catalog = catalog;
        this.batches = new Batches(client);
    }

    @Override
    public void add(String category, Collection<String> e164Numbers) {
        if (!DEFAULT_CATEGORIES.contains(category)) {
            createCategory(category);
        }
        List<WriteRequest> puts = new ArrayList<>();
        for (String number : new LinkedHashSet<>(e164Numbers)) {
            puts.add(WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(Map.of("category", s(category), "number", s(number))).build()).build());
        }
        batches.write(Map.of(table, puts));
    }

    @Override
    public Set<String> listed(Collection<String> categories, Collection<String> numbers) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String category : new LinkedHashSet<>(categories)) {
            for (String number : new LinkedHashSet<>(numbers)) {
                keys.add(Map.of("category", s(category), "number", s(number)));
            }
        }
        Set<String> listed = new HashSet<>();
        for (Map<String, AttributeValue> item : batches.get(table, keys, "#n", Map.of("#n", "number"))) {
            listed.add(Items.string(item, "number"));
        }
        return listed;
    }

    @Override
    public List<String> categories() {
        List<String> categories = new ArrayList<>(DEFAULT_CATEGORIES);
        catalog.names(DynamoCatalogStore.DNC_CATEGORY).stream().filter(c -> !categories.contains(c)).forEach(categories::add);
        return categories;
    }

    @Override
    public void createCategory(String category) {
        catalog.put(DynamoCatalogStore.DNC_CATEGORY, category, null);
    }
}
