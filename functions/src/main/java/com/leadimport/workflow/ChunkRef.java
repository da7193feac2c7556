package com.leadimport.workflow;

/** One chunk of the file, as the manifest lists it and each Map iteration receives it. */
public record ChunkRef(String importId, int chunk, long firstRow, int rows) {
}
