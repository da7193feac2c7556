package com.leadimport.handlers;

import com.leadimport.adapters.AwsClients;
import com.leadimport.adapters.dynamodb.DynamoStores;
import com.leadimport.workflow.Workflow;
import java.time.Clock;

/** The workflow as Lambda runs it: on the AWS clients, configured from the function's environment. */
final class LambdaWorkflow {

    static final Workflow INSTANCE = create();

    private LambdaWorkflow() {
    }

    private static Workflow create() {
        DynamoStores stores = AwsClients.STORES;
        return new Workflow(stores.imports(), stores.catalog(), stores.dnc(), stores.leads(), stores.buffer(), stores.leases(),
                AwsClients.FILES, Clock.systemUTC(), AwsClients.TABLES.workBucket(),
                intEnv("CHUNK_ROWS", Workflow.DEFAULT_CHUNK_ROWS),
                AwsClients.purgeZone(),
                intEnv("PURGE_BUDGET", Workflow.DEFAULT_PURGE_BUDGET));
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }
}
