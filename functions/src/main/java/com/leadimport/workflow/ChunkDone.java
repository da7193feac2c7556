package com.leadimport.workflow;

/** A chunk step's output: which chunk it finished (kept small: Map results travel in the state). */
public record ChunkDone(int chunk) {
}
