package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.leadimport.workflow.ResolveDuplicates;
import com.leadimport.workflow.SplitResult;
import java.util.Map;

/** Workflow state ResolveDuplicates. Input: the chunk manifest; output: how many rows lose as in-file duplicates. */
public final class ResolveDuplicatesHandler extends JsonStepHandler<SplitResult, Map<String, Long>> {

    private final ResolveDuplicates step;

    public ResolveDuplicatesHandler() {
        this(LambdaWorkflow.INSTANCE.resolveDuplicates());
    }

    public ResolveDuplicatesHandler(ResolveDuplicates step) {
        super(SplitResult.class);
        this.step = step;
    }

    @Override
    protected Map<String, Long> handle(SplitResult input, Context context) {
        return Map.of("inFileDuplicates", step.resolve(input));
    }
}
