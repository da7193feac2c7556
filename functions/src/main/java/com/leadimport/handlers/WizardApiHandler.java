package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.leadimport.adapters.AwsClients;
import com.leadimport.adapters.dynamodb.DynamoAuditLog;
import com.leadimport.adapters.s3.S3UploadUrls;
import com.leadimport.api.ApiRequest;
import com.leadimport.api.ApiResponse;
import com.leadimport.api.WizardApi;
import java.time.Clock;
import java.util.UUID;

/** HTTP API (payload 2.0), every {@code /api/...} route of the wizard. Input: the API Gateway event; output: the HTTP response. */
public final class WizardApiHandler extends JsonStepHandler<ApiRequest, ApiResponse> {

    private final WizardApi api;

    public WizardApiHandler() {
        this(new WizardApi(AwsClients.STORES.imports(), AwsClients.STORES.catalog(), AwsClients.STORES.dnc(), AwsClients.FILES,
                new S3UploadUrls(AwsClients.PRESIGNER),
                new DynamoAuditLog(AwsClients.DYNAMODB, AwsClients.TABLES.audit(), Clock.systemUTC()),
                Clock.system(AwsClients.purgeZone()), // an import's date is the purge zone's day, as for supplier drops
                () -> UUID.randomUUID().toString(), new WizardApi.Options(AwsClients.TABLES.uploadBucket(),
                        AwsClients.TABLES.workBucket(), true, Boolean.parseBoolean(System.getenv("SKILL_BASED_ROUTING")))));
    }

    public WizardApiHandler(WizardApi api) {
        super(ApiRequest.class);
        this.api = api;
    }

    @Override
    protected ApiResponse handle(ApiRequest input, Context context) {
        return api.handle(input);
    }
}
