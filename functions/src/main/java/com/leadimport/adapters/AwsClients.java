package com.leadimport.adapters;

import com.leadimport.adapters.dynamodb.DynamoStores;
import com.leadimport.adapters.s3.S3FileStore;
import java.net.URI;
import java.time.ZoneId;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The AWS clients of a Lambda execution environment, built once in static initialisation (so
 * SnapStart snapshots them): explicit region, the lightweight URL-connection HTTP client,
 * credentials from the environment Lambda sets. {@code AWS_ENDPOINT_URL_DYNAMODB} /
 * {@code AWS_ENDPOINT_URL_S3} point them elsewhere (LocalStack, sam local).
 */
public final class AwsClients {

    public static final Tables TABLES = Tables.fromEnvironment();
    public static final DynamoDbClient DYNAMODB = dynamoDb();
    public static final S3Client S3 = s3();
    public static final DynamoStores STORES = DynamoStores.create(DYNAMODB, TABLES);
    public static final S3FileStore FILES = new S3FileStore(S3);
    public static final S3Presigner PRESIGNER = presigner();

    /**
     * The function's role credentials: environment variables where the runtime sets them (and
     * under sam local), otherwise the container credentials endpoint, which is how Lambda hands
     * them to functions restored from a SnapStart snapshot (AWS_CONTAINER_CREDENTIALS_FULL_URI).
     */
    private static final AwsCredentialsProvider CREDENTIALS = AwsCredentialsProviderChain.builder()
            .credentialsProviders(EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.builder().build())
            .reuseLastProviderEnabled(true).build();

    private AwsClients() {
    }

    /** The zone whose days date imports and whose midnight ends an expiry date (PURGE_TIME_ZONE). */
    public static ZoneId purgeZone() {
        return ZoneId.of(System.getenv().getOrDefault("PURGE_TIME_ZONE", "Europe/London"));
    }

    private static Region region() {
        String region = System.getenv("AWS_REGION");
        return Region.of(region == null || region.isBlank() ? "eu-west-2" : region);
    }

    private static DynamoDbClient dynamoDb() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().region(region())
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create());
        String endpoint = System.getenv("AWS_ENDPOINT_URL_DYNAMODB");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private static S3Presigner presigner() {
        S3Presigner.Builder builder = S3Presigner.builder().region(region())
                .credentialsProvider(CREDENTIALS);
        String endpoint = System.getenv("AWS_ENDPOINT_URL_S3");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint))
                    .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return builder.build();
    }

    private static S3Client s3() {
        S3ClientBuilder builder = S3Client.builder().region(region())
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create());
        String endpoint = System.getenv("AWS_ENDPOINT_URL_S3");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return builder.build();
    }
}
