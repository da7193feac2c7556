package com.leadimport.adapters.dynamodb;

import com.leadimport.adapters.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every store on one DynamoDB client and set of table names: how Lambda and the local runtime build them alike. */
public record DynamoStores(DynamoImportStore imports, DynamoCatalogStore catalog, DynamoDncStore dnc,
                           DynamoLeadStore leads, DynamoDialerBuffer buffer, DynamoLeaseStore leases) {

    public static DynamoStores create(DynamoDbClient client, Tables tables) {
        DynamoCatalogStore catalog = new DynamoCatalogStore(client, tables.catalog());
        return new DynamoStores(new DynamoImportStore(client, tables.imports()), catalog,
                new DynamoDncStore(client, tables.dnc(), catalog), new DynamoLeadStore(client, tables),
                new DynamoDialerBuffer(client, tables.buffer()), new DynamoLeaseStore(client, tables.leases()));
    }
}
