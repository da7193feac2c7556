package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.leadimport.workflow.KeyShardRef;
import com.leadimport.workflow.WriteKeys;
import java.util.Map;

/** Workflow Map WriteKeys, one item. Input: a key shard of the key shard manifest; output: the shard number. */
public final class WriteKeysHandler extends JsonStepHandler<KeyShardRef, Map<String, Integer>> {

    private final WriteKeys step;

    public WriteKeysHandler() {
        this(LambdaWorkflow.INSTANCE.writeKeys());
    }

    public WriteKeysHandler(WriteKeys step) {
        super(KeyShardRef.class);
        this.step = step;
    }

    @Override
    protected Map<String, Integer> handle(KeyShardRef input, Context context) {
        step.write(input);
        return Map.of("shard", input.shard());
    }
}
