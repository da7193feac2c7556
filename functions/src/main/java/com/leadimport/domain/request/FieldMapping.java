package com.leadimport.domain.request;

import java.util.List;

/**
 * One or more CSV headers combined into one field. Empty parts are skipped; with no
 * separator the parts are concatenated directly.
 */
public record FieldMapping(List<String> headers, String separator) {
}
