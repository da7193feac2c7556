package com.leadimport.domain.request;

import java.util.List;

/** Screen numbers against the ticked Do-Not-Call categories. */
public record DncCheck(boolean enabled, List<String> categories) {
}
