package com.leadimport.adapters.dynamodb;

import static com.leadimport.adapters.dynamodb.Items.s;

import com.leadimport.ports.DialerBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BufferTable: PK {@code list}, SK {@code leadId}: the leads the dialler has fetched and not yet called. */
public final class DynamoDialerBuffer implements DialerBuffer {

    private final DynamoDbClient client;
    private final String table;
    private final Batches batches;

    public DynamoDialerBuffer(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
        this.batches = new Batches(client);
    }

    @Override
    public void add(String list, Collection<String> leadIds) {
        List<WriteRequest> puts = new ArrayList<>();
        for (String leadId : leadIds) {
            puts.add(WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(Map.of("list", s(list), "leadId", s(leadId))).build()).build());
        }
        batches.write(Map.of(table, puts));
    }

    @Override
    public List<String> contents(String list) {
        List<String> ids = new ArrayList<>();
        for (QueryResponse page : client.queryPaginator(QueryRequest.builder().tableName(table)
                .keyConditionExpression("#l = :l").expressionAttributeNames(Map.of("#l", "list"))
                .expressionAttributeValues(Map.of(":l", s(list))).build())) {
            page.items().forEach(item -> ids.add(item.get("leadId").s()));
        }
        return ids;
    }

    @Override
    public int clear(String list) {
        List<WriteRequest> deletes = new ArrayList<>();
        for (String leadId : contents(list)) {
            deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                    .key(Map.of("list", s(list), "leadId", s(leadId))).build()).build());
        }
        batches.write(Map.of(table, deletes));
        return deletes.size();
    }
}
