package com.leadimport.local.dynamodb;

import com.leadimport.local.LocalDynamoDb;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The DynamoDB the tests talk to: ours, or dynalite in the cross-check pass ({@link LocalDynamoDb#configured()}). */
public final class DynamoDbServers {

    private DynamoDbServers() {
    }

    static LocalDynamoDb start(Path dataDir) {
        return LocalDynamoDb.start(LocalDynamoDb.configured(), dataDir);
    }

    public static DynamoDbClient client(java.net.URI endpoint) {
        return builder(endpoint).build();
    }

    /** A client that makes every request once: what is retried, the caller retried. */
    public static DynamoDbClient clientWithoutRetries(java.net.URI endpoint) {
        return builder(endpoint).overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private static DynamoDbClientBuilder builder(java.net.URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create());
    }
}
