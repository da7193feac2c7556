package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.leadimport.workflow.PrepareList;
import com.leadimport.workflow.PrepareListResult;
import com.leadimport.workflow.SplitResult;

/** Workflow state PrepareList (Delete existing records, Clear fetched data). Input: the split file; output: whether it is done. */
public final class PrepareListHandler extends JsonStepHandler<SplitResult, PrepareListResult> {

    private final PrepareList step;

    public PrepareListHandler() {
        this(LambdaWorkflow.INSTANCE.prepareList());
    }

    public PrepareListHandler(PrepareList step) {
        super(SplitResult.class);
        this.step = step;
    }

    @Override
    protected PrepareListResult handle(SplitResult input, Context context) {
        return step.prepare(input);
    }
}
