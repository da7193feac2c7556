package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.leadimport.workflow.PurgeExpiredImports;
import com.leadimport.workflow.PurgeExpiredImports.PurgeResult;
import com.leadimport.workflow.PurgeRequest;
import com.leadimport.workflow.PurgeRequest.Progress;
import com.leadimport.workflow.PurgeRequest.Purged;

/**
 * Purge state machine, state Purge (midnight schedule). Input: the purge date or null, and the
 * run's totals so far; output: whether it finished, and the totals with this call's added.
 */
public final class PurgeExpiredImportsHandler extends JsonStepHandler<PurgeRequest, Progress> {

    private final PurgeExpiredImports step;

    public PurgeExpiredImportsHandler() {
        this(LambdaWorkflow.INSTANCE.purgeExpiredImports());
    }

    public PurgeExpiredImportsHandler(PurgeExpiredImports step) {
        super(PurgeRequest.class);
        this.step = step;
    }

    @Override
    protected Progress handle(PurgeRequest input, Context context) {
        PurgeResult call = step.purge(input.date());
        Purged sofar = input.purged() == null ? Purged.NONE : input.purged();
        return new Progress(call.date(), call.complete(), call.waiting(), sofar.plus(call));
    }
}
