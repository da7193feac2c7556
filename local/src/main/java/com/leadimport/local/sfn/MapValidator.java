package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * Load-time checks of a Map state: ItemProcessor with ProcessorConfig Mode INLINE or
 * DISTRIBUTED (ExecutionType STANDARD); for DISTRIBUTED only, an ItemReader reading a JSON
 * array with s3:getObject, an ItemBatcher (MaxItemsPerBatch or MaxItemsPerBatchPath,
 * BatchInput), ToleratedFailurePercentage/Count and Label. ResultWriter, the byte-size
 * batch limits and the other readers are refused by their field names.
 */
final class MapValidator {

    private MapValidator() {
    }

    static boolean distributed(JsonNode state) {
        return "DISTRIBUTED".equals(state.path("ItemProcessor").path("ProcessorConfig").path("Mode").asText());
    }

    static void check(JsonNode state, String where) {
        JsonNode processor = state.get("ItemProcessor");
        if (processor == null) {
            throw new DefinitionException(where + ": ItemProcessor is required");
        }
        String at = where + " ItemProcessor";
        DefinitionValidator.checkFields(processor, Set.of("ProcessorConfig", "StartAt", "States", "Comment"), at);
        JsonNode config = processor.path("ProcessorConfig");
        if (!config.isMissingNode()) {
            DefinitionValidator.checkFields(config, Set.of("Mode", "ExecutionType"), at + " ProcessorConfig");
        }
        String mode = config.path("Mode").asText("INLINE");
        if (mode.equals("INLINE")) {
            if (config.has("ExecutionType")) {
                throw new DefinitionException(at + " ProcessorConfig: ExecutionType is only for Mode DISTRIBUTED");
            }
        } else if (mode.equals("DISTRIBUTED")) {
            if (!"STANDARD".equals(config.path("ExecutionType").asText())) {
                throw new DefinitionException(at + " ProcessorConfig: ExecutionType '" + config.path("ExecutionType").asText()
                        + "' is not supported by the local executor (only STANDARD)");
            }
        } else {
            throw new DefinitionException(at + " ProcessorConfig: Mode '" + mode + "' is not INLINE or DISTRIBUTED");
        }
        DefinitionValidator.checkSubMachine(processor, at);
        boolean distributed = mode.equals("DISTRIBUTED");
        for (String field : new String[] {"ItemReader", "ItemBatcher", "ToleratedFailurePercentage", "ToleratedFailureCount",
                "Label"}) {
            if (state.has(field) && !distributed) {
                throw new DefinitionException(where + ": " + field + " needs ProcessorConfig Mode DISTRIBUTED");
            }
        }
        if (state.has("ItemSelector") && state.has("Parameters")) {
            throw new DefinitionException(where + ": has both ItemSelector and Parameters");
        }
        if (state.has("ItemReader")) {
            if (state.has("ItemsPath")) {
                throw new DefinitionException(where + ": has both ItemReader and ItemsPath");
            }
            checkReader(state.get("ItemReader"), where + " ItemReader");
        }
        if (state.has("ItemBatcher")) {
            checkBatcher(state.get("ItemBatcher"), where + " ItemBatcher");
        }
        if (state.has("MaxConcurrency") && !(state.get("MaxConcurrency").isIntegralNumber()
                && state.get("MaxConcurrency").asInt() >= 0)) {
            throw new DefinitionException(where + ": MaxConcurrency must be a non-negative integer");
        }
        if (state.has("ToleratedFailurePercentage") && !(state.get("ToleratedFailurePercentage").isNumber()
                && state.get("ToleratedFailurePercentage").asDouble() >= 0
                && state.get("ToleratedFailurePercentage").asDouble() <= 100)) {
            throw new DefinitionException(where + ": ToleratedFailurePercentage must be a number from 0 to 100");
        }
        if (state.has("ToleratedFailureCount") && !(state.get("ToleratedFailureCount").isIntegralNumber()
                && state.get("ToleratedFailureCount").asInt() >= 0)) {
            throw new DefinitionException(where + ": ToleratedFailureCount must be a non-negative integer");
        }
        if (state.has("Label") && !state.get("Label").isTextual()) {
            throw new DefinitionException(where + ": Label must be a string");
        }
    }

    private static void checkReader(JsonNode reader, String where) {
        DefinitionValidator.checkFields(reader, Set.of("Resource", "ReaderConfig", "Parameters"), where);
        if (!DefinitionValidator.S3_GET_OBJECT.equals(reader.path("Resource").asText())) {
            throw new DefinitionException(where + ": Resource '" + reader.path("Resource").asText()
                    + "' is not supported by the local executor (only " + DefinitionValidator.S3_GET_OBJECT + ")");
        }
        JsonNode config = reader.path("ReaderConfig");
        DefinitionValidator.checkFields(config, Set.of("InputType"), where + " ReaderConfig");
        if (!"JSON".equals(config.path("InputType").asText())) {
            throw new DefinitionException(where + " ReaderConfig: InputType '" + config.path("InputType").asText()
                    + "' is not supported by the local executor (only JSON)");
        }
        JsonNode parameters = reader.path("Parameters");
        if (!parameters.isObject()) {
            throw new DefinitionException(where + ": Parameters with Bucket and Key are required");
        }
        for (Iterator<String> names = parameters.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!Set.of("Bucket", "Bucket.$", "Key", "Key.$").contains(field)) {
                throw new DefinitionException(where + " Parameters: field '" + field
                        + "' is not supported by the local executor");
            }
        }
        if (!(parameters.has("Bucket") || parameters.has("Bucket.$")) || !(parameters.has("Key") || parameters.has("Key.$"))) {
            throw new DefinitionException(where + ": Parameters with Bucket and Key are required");
        }
        PayloadTemplate.check(parameters, where + " Parameters");
    }

    private static void checkBatcher(JsonNode batcher, String where) {
        DefinitionValidator.checkFields(batcher, Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath", "BatchInput"), where);
        if (batcher.has("MaxItemsPerBatch") == batcher.has("MaxItemsPerBatchPath")) {
            throw new DefinitionException(where + ": needs exactly one of MaxItemsPerBatch or MaxItemsPerBatchPath");
        }
        if (batcher.has("MaxItemsPerBatch") && !DefinitionValidator.positiveInt(batcher.get("MaxItemsPerBatch"))) {
            throw new DefinitionException(where + ": MaxItemsPerBatch must be a positive integer");
        }
        if (batcher.has("MaxItemsPerBatchPath")) {
            DefinitionValidator.checkPath(batcher.get("MaxItemsPerBatchPath"), where + " MaxItemsPerBatchPath");
        }
        if (batcher.has("BatchInput")) {
            if (!batcher.get("BatchInput").isObject()) {
                throw new DefinitionException(where + ": BatchInput must be an object");
            }
            PayloadTemplate.check(batcher.get("BatchInput"), where + " BatchInput");
        }
    }
}
