package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.leadimport.workflow.ExecutionFailure;
import com.leadimport.workflow.MarkImportEnded;

/**
 * Workflow Catch states RecordEarlyEnd and RecordFailure, and the end-stopped-import state machine.
 * Input: the file, job and error; output: the summary, and whether the import is wholly ended.
 */
public final class MarkImportEndedHandler extends JsonStepHandler<ExecutionFailure, MarkImportEnded.Ended> {

    private final MarkImportEnded step;

    public MarkImportEndedHandler() {
        this(LambdaWorkflow.INSTANCE.markImportEnded());
    }

    public MarkImportEndedHandler(MarkImportEnded step) {
        super(ExecutionFailure.class);
        this.step = step;
    }

    @Override
    protected MarkImportEnded.Ended handle(ExecutionFailure input, Context context) {
        return step.end(input);
    }
}
