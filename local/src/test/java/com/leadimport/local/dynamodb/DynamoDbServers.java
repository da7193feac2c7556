package com.leadimport.local.dynamodb;

import com.leadimport.local.LocalDynamoDb;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB the tests talk to: ours, or dynalite in the cross-check pass ({@link LocalDynamoDb#configured()}). */
final class DynamoDbServers {

    private DynamoDbServers() {
    }

    static LocalDynamoDb start(Path dataDir) {
        return LocalDynamoDb.start(LocalDynamoDb.configured(), dataDir);
    }

    static DynamoDbClient client(java.net.URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
