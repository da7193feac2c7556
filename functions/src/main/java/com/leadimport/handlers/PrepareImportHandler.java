package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.leadimport.workflow.FileArrived;
import com.leadimport.workflow.ImportJob;
import com.leadimport.workflow.PrepareImport;

/** Workflow state Prepare. Input: the uploaded file and the execution; output: the claimed import (or skip). */
public final class PrepareImportHandler extends JsonStepHandler<FileArrived, ImportJob> {

    private final PrepareImport step;

    public PrepareImportHandler() {
        this(LambdaWorkflow.INSTANCE.prepareImport());
    }

    public PrepareImportHandler(PrepareImport step) {
        super(FileArrived.class);
        this.step = step;
    }

    @Override
    protected ImportJob handle(FileArrived input, Context context) {
        return step.prepare(input);
    }
}
