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
 * DncTable: PK {@code number} (E.164), SK {@code category}, and beside a number's categories
 * one presence marker (SK U+0002). A chunk first gets the markers of its numbers (batched,
 * 100 keys a request): most numbers are on no list, so only the marked ones are then checked
 * against each ticked category. Keyed by number, lookups spread over partitions instead of
 * all landing on a category's. A marker outlives a number's removal from its categories: it
 * then costs one get that finds nothing. Custom categories are remembered in the catalog
 * (kind DNC_CATEGORY) so they are listed before they hold numbers. Reads are eventually
 * consistent (half the read units): a number added to a category is screened from the next
 * second on, which is soon enough for a list that changes by hand.
 *
 * <p>A category known to hold no numbers costs no lookup: its catalog item carries
 * {@code holdsNoNumbers} from the moment it is created (in the same conditional put) until the
 * first number is added to it ({@link #add} removes the mark before it writes a number). A
 * category without that mark, or without an item (the default categories of a store that did not
 * start empty), is looked up: nothing is skipped unless it is known to be empty.
 */
public final class DynamoDncStore implements DncStore {

    private static final String PRESENT_MARKER = "\u0002";
    private static final String HOLDS_NO_NUMBERS = "holdsNoNumbers";

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
        if (e164Numbers.isEmpty()) {
            return;
        }
        // before any number: from now on the category is looked up
        catalog.removeAttribute(DynamoCatalogStore.DNC_CATEGORY, category, HOLDS_NO_NUMBERS);
        List<WriteRequest> puts = new ArrayList<>();
        for (String number : new LinkedHashSet<>(e164Numbers)) {
            puts.add(put(number, category));
            puts.add(put(number, PRESENT_MARKER));
        }
        batches.write(Map.of(table, puts));
    }

    @Override
    public Set<String> listed(Collection<String> categories, Collection<String> numbers) {
        Map<String, Map<String, AttributeValue>> items = catalog.items(DynamoCatalogStore.DNC_CATEGORY, categories);
        List<String> holding = categories.stream().distinct()
                .filter(category -> !items.containsKey(category) || !items.get(category).containsKey(HOLDS_NO_NUMBERS)).toList();
        if (holding.isEmpty() || numbers.isEmpty()) {
            return Set.of();
        }
        List<Map<String, AttributeValue>> markers = new ArrayList<>();
        for (String number : new LinkedHashSet<>(numbers)) {
            markers.add(key(number, PRESENT_MARKER));
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> marker : batches.get(table, markers, false, "#n", Map.of("#n", "number"))) {
            for (String category : holding) {
                keys.add(key(Items.string(marker, "number"), category));
            }
        }
        Set<String> listed = new HashSet<>();
        for (Map<String, AttributeValue> item : batches.get(table, keys, false, "#n", Map.of("#n", "number"))) {
            listed.add(Items.string(item, "number"));
        }
        return listed;
    }

    private static Map<String, AttributeValue> key(String number, String category) {
        return Map.of("number", s(number), "category", s(category));
    }

    private static WriteRequest put(String number, String category) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(key(number, category)).build()).build();
    }

    @Override
    public List<String> categories() {
        List<String> categories = new ArrayList<>(DEFAULT_CATEGORIES);
        catalog.names(DynamoCatalogStore.DNC_CATEGORY).stream().filter(c -> !categories.contains(c)).forEach(categories::add);
        return categories;
    }

    @Override
    public void createCategory(String category) {
        catalog.create(DynamoCatalogStore.DNC_CATEGORY, category, Map.of(HOLDS_NO_NUMBERS, AttributeValue.fromBool(true)));
    }

    /**
     * For a DNC table created a moment ago: the default categories hold no numbers yet, so they
     * cost no lookups until numbers are added. (A store that existed before keeps looking them up.)
     */
    public void startEmpty() {
        DEFAULT_CATEGORIES.forEach(this::createCategory);
    }
}
