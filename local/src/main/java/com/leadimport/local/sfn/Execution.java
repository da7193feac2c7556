package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A finished execution: its output when SUCCEEDED, its error and cause when FAILED, and what happened. */
public record Execution(String name, Status status, JsonNode output, String error, String cause, List<String> events) {

    public enum Status { SUCCEEDED, FAILED }
}
