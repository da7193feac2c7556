package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.leadimport.workflow.LeaseLists;
import com.leadimport.workflow.LeaseResult;
import com.leadimport.workflow.SplitResult;

/** Workflow state LeaseLists. Input: the split file; output: whether the import now holds its lists' leases. */
public final class LeaseListsHandler extends JsonStepHandler<SplitResult, LeaseResult> {

    private final LeaseLists step;

    public LeaseListsHandler() {
        this(LambdaWorkflow.INSTANCE.leaseLists());
    }

    public LeaseListsHandler(LeaseLists step) {
        super(SplitResult.class);
        this.step = step;
    }

    @Override
    protected LeaseResult handle(SplitResult input, Context context) {
        return step.lease(input);
    }
}
