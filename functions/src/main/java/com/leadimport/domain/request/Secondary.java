package com.leadimport.domain.request;

import java.util.Map;

/** Stage 5: CSV headers mapped onto the fields of a contact data table. */
public record Secondary(String table, Map<String, SecondaryFieldMapping> fields) {
}
