package com.leadimport.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.leadimport.workflow.ChunkDone;
import com.leadimport.workflow.ChunkRef;
import com.leadimport.workflow.WriteChunk;

/** Workflow Map WriteChunks, one item. Input: a chunk of the manifest; output: the chunk number. */
public final class WriteChunkHandler extends JsonStepHandler<ChunkRef, ChunkDone> {

    private final WriteChunk step;

    public WriteChunkHandler() {
        this(LambdaWorkflow.INSTANCE.writeChunk());
    }

    public WriteChunkHandler(WriteChunk step) {
        super(ChunkRef.class);
        this.step = step;
    }

    @Override
    protected ChunkDone handle(ChunkRef input, Context context) {
        step.write(input);
        return new ChunkDone(input.chunk());
    }
}
