package com.leadimport.domain.request;

/**
 * One import, as the wizard builds it stage by stage, the supplier drop takes it from the
 * supplier's saved default, and the local CLI reads it from a file (see CONTRACT.md).
 */
public record ImportRequest(Details details, Settings settings, Mapping mapping, CallInfo callInfo,
                            Secondary secondary) {
}
