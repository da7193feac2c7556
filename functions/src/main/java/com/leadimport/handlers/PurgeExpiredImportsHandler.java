package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.leadimport.workflow.PurgeExpiredImports;
import com.leadimport.workflow.PurgeExpiredImports.PurgeResult;
import com.leadimport.workflow.PurgeRequest;

/** Purge state machine, state Purge (midnight schedule). Input: the purge date or null; output: whether it finished. */
public final class PurgeExpiredImportsHandler extends JsonStepHandler<PurgeRequest, PurgeResult> {

    private final PurgeExpiredImports step;

    public PurgeExpiredImportsHandler() {
        this(LambdaWorkflow.INSTANCE.purgeExpiredImports());
    }

    public PurgeExpiredImportsHandler(PurgeExpiredImports step) {
        super(PurgeRequest.class);
        this.step = step;
    }

    @Override
    protected PurgeResult handle(PurgeRequest input, Context context) {
        return step.purge(input.date());
    }
}
