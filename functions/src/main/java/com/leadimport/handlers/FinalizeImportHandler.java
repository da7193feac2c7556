package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.leadimport.workflow.FinalizeImport;
import com.leadimport.workflow.ImportSummary;
import com.leadimport.workflow.SplitResult;

/** Workflow state Finalize. Input: the chunk manifest; output: the import summary. */
public final class FinalizeImportHandler extends JsonStepHandler<SplitResult, ImportSummary> {

    private final FinalizeImport step;

    public FinalizeImportHandler() {
        this(LambdaWorkflow.INSTANCE.finalizeImport());
    }

    public FinalizeImportHandler(FinalizeImport step) {
        super(SplitResult.class);
        this.step = step;
    }

    @Override
    protected ImportSummary handle(SplitResult input, Context context) {
        return step.finish(input);
    }
}
