package com.leadimport.workflow;

/** {@code done} false: Delete existing records has more of the list to remove; run the step again. */
public record PrepareListResult(String importId, boolean done, long removed) {
}
