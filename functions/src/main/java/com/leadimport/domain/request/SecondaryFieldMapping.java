package com.leadimport.domain.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Headers feeding one contact data table field. {@code type}, {@code defaultValue} and
 * {@code description} define the field when the table does not have it yet (Create field).
 */
public record SecondaryFieldMapping(List<String> headers, String separator, FieldType type,
                                    @JsonProperty("default") String defaultValue, String description) {
}
