package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.leadimport.workflow.ExecutionFailure;
import com.leadimport.workflow.ImportSummary;
import com.leadimport.workflow.MarkImportEnded;

/** Workflow Catch states RecordEarlyEnd and RecordFailure. Input: the file, job and error; output: the summary. */
public final class MarkImportEndedHandler extends JsonStepHandler<ExecutionFailure, ImportSummary> {

    private final MarkImportEnded step;

    public MarkImportEndedHandler() {
        this(LambdaWorkflow.INSTANCE.markImportEnded());
    }

    public MarkImportEndedHandler(MarkImportEnded step) {
        super(ExecutionFailure.class);
        this.step = step;
    }

    @Override
    protected ImportSummary handle(ExecutionFailure input, Context context) {
        return step.end(input);
    }
}
