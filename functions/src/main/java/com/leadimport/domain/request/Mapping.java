package com.leadimport.domain.request;

import java.util.Map;

/** Stage 3: which CSV headers feed each lead field. */
public record Mapping(String name, Map<LeadField, FieldMapping> fields) {
}
