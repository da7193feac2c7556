package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.leadimport.workflow.ChunkDone;
import com.leadimport.workflow.ChunkRef;
import com.leadimport.workflow.ScreenChunk;

/** Workflow Map ScreenChunks, one item. Input: a chunk of the manifest; output: the chunk number. */
public final class ScreenChunkHandler extends JsonStepHandler<ChunkRef, ChunkDone> {

    private final ScreenChunk step;

    public ScreenChunkHandler() {
        this(LambdaWorkflow.INSTANCE.screenChunk());
    }

    public ScreenChunkHandler(ScreenChunk step) {
        super(ChunkRef.class);
        this.step = step;
    }

    @Override
    protected ChunkDone handle(ChunkRef input, Context context) {
        step.screen(input);
        return new ChunkDone(input.chunk());
    }
}
