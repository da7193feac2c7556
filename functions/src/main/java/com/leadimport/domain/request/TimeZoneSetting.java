package com.leadimport.domain.request;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Static time zone: tag every lead with {@code zone}; otherwise each lead's zone comes from its number. */
public record TimeZoneSetting(@JsonProperty("static") boolean isStatic, String zone) {
}
