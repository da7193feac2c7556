package com.leadimport.workflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.leadimport.domain.json.Json;

/**
 * What a Catch hands the failure state: the workflow's input (the file), the job if one was
 * claimed, and the error as Step Functions reports it ({@code Error}, {@code Cause}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecutionFailure(FileArrived file, ImportJob job, Error error) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {

        /** The cause as a person should read it: a Lambda error's {@code errorMessage}, else the cause as is. */
        public String message() {
            if (cause == null || cause.isBlank()) {
                return error;
            }
            try {
                JsonNode node = Json.MAPPER.readTree(cause);
                if (node.hasNonNull("errorMessage")) {
                    return node.get("errorMessage").asText();
                }
            } catch (java.io.IOException notJson) {
                // a plain-text cause is already readable
            }
            return cause;
        }
    }
}
