package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.leadimport.workflow.ImportJob;
import com.leadimport.workflow.SplitFile;
import com.leadimport.workflow.SplitResult;

/** Workflow state Split. Input: the claimed import; output: the chunk manifest. */
public final class SplitFileHandler extends JsonStepHandler<ImportJob, SplitResult> {

    private final SplitFile step;

    public SplitFileHandler() {
        this(LambdaWorkflow.INSTANCE.splitFile());
    }

    public SplitFileHandler(SplitFile step) {
        super(ImportJob.class);
        this.step = step;
    }

    @Override
    protected SplitResult handle(ImportJob input, Context context) {
        return step.split(input);
    }
}
