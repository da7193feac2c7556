package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a Map state over its effective input.
 * <ul>
 * <li>Items: from the ItemReader (a JSON array in S3, DISTRIBUTED only), else at ItemsPath,
 *     else the effective input itself; they must be an array.</li>
 * <li>Each item goes through ItemSelector (or the legacy Parameters) with {@code $$.Map.Item.Index}
 *     and {@code $$.Map.Item.Value}; with an ItemBatcher the selected items are grouped into
 *     {@code {"Items": [...], "BatchInput": {...}}} child inputs of at most MaxItemsPerBatch.</li>
 * <li>Children run in parallel on the executor's threads, at most MaxConcurrency at once (0:
 *     no limit of its own) and never more than the executor's thread limit; their results are
 *     returned in item order.</li>
 * <li>INLINE: the first failing iteration fails the Map with its own error. DISTRIBUTED: each
 *     child is a child execution with its own {@code $$.Execution}; failures are tolerated up to
 *     ToleratedFailureCount items and/or ToleratedFailurePercentage of the items (none when
 *     neither is given, the Map fails when either is exceeded) and beyond that the Map fails with
 *     States.ExceedToleratedFailureThreshold; a tolerated failure's slot in the output is null.</li>
 * <li>Once the Map is failing no further children start; children already running finish
 *     (as Lambdas already invoked do) before the error is raised.</li>
 * </ul>
 */
final class MapRun {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final StateMachineExecutor executor;
    private final String name;
    private final JsonNode state;
    private final Scope scope;
    private final String where;
    private final boolean distributed;

    MapRun(StateMachineExecutor executor, String name, JsonNode state, Scope scope) {
        this.executor = executor;
        this.name = name;
        this.state = state;
        this.scope = scope;
        this.where = "state '" + name + "'";
        this.distributed = MapValidator.distributed(state);
    }

    JsonNode run(JsonNode effective, ObjectNode stateContext) {
        JsonNode items = items(effective, stateContext);
        List<JsonNode> selected = new ArrayList<>();
        JsonNode selector = state.has("ItemSelector") ? state.get("ItemSelector") : state.get("Parameters");
        for (int index = 0; index < items.size(); index++) {
            JsonNode item = items.get(index);
            if (selector == null) {
                selected.add(item);
            } else {
                ObjectNode itemContext = stateContext.deepCopy();
                ObjectNode mapItem = itemContext.putObject("Map").putObject("Item");
                mapItem.put("Index", index);
                mapItem.set("Value", item);
                selected.add(PayloadTemplate.evaluate(selector, effective, itemContext, executor.uuids(),
                        where + " ItemSelector"));
            }
        }
        List<Child> children = state.has("ItemBatcher") ? batches(selected, effective, stateContext) : singles(selected);
        scope.history().add("MapRunStarted " + name + " items=" + items.size() + " children=" + children.size());
        ArrayNode results = new ParallelChildren<Child>(executor, concurrencyLimit(), where) {
            @Override
            JsonNode runChild(Child child, int index) {
                return runOne(child, index);
            }

            @Override
            boolean failsWhole(List<Failure<Child>> failures) {
                return exceeded(failures, items.size());
            }

            @Override
            StatesError wholeError(List<Failure<Child>> failures) {
                return error(failures, items.size());
            }
        }.run(children);
        scope.history().add("MapRunSucceeded " + name);
        return results;
    }

    /** A child execution's input and how many items it carries. */
    record Child(JsonNode input, int itemCount) {
    }

    private JsonNode runOne(Child child, int index) {
        String label = name + "[" + index + "]";
        Scope childScope = distributed
                ? new Scope(executor.childExecutionContext(scope.context(), label, child.input()), scope.history().child(label),
                        scope.deadline())
                : scope.child(label);
        return executor.runMachine(state.get("ItemProcessor"), child.input(), childScope);
    }

    private int concurrencyLimit() {
        int max = state.path("MaxConcurrency").asInt(0);
        return max == 0 ? executor.threads() : Math.min(max, executor.threads());
    }

    private JsonNode items(JsonNode effective, ObjectNode stateContext) {
        JsonNode items;
        if (state.has("ItemReader")) {
            JsonNode parameters = PayloadTemplate.evaluate(state.get("ItemReader").get("Parameters"), effective, stateContext,
                    executor.uuids(), where + " ItemReader Parameters");
            String bucket = parameters.path("Bucket").asText();
            String key = parameters.path("Key").asText();
            try {
                items = MAPPER.readTree(executor.objects().read(bucket, key));
            } catch (Exception e) {
                throw new StatesError("States.ItemReaderFailed", where + ": cannot read items from s3://" + bucket + "/" + key
                        + ": " + e.getMessage());
            }
            if (items == null || !items.isArray()) {
                throw new StatesError("States.ItemReaderFailed", where + ": s3://" + bucket + "/" + key
                        + " does not hold a JSON array");
            }
            return items;
        }
        items = state.has("ItemsPath")
                ? JsonPaths.require(effective, stateContext, state.get("ItemsPath").asText(), where + " ItemsPath")
                : effective;
        if (!items.isArray()) {
            throw new StatesError(StatesError.RUNTIME, where + ": the items to iterate are not an array: "
                    + JsonPaths.abbreviate(items));
        }
        return items;
    }

    private static List<Child> singles(List<JsonNode> selected) {
        List<Child> children = new ArrayList<>();
        selected.forEach(input -> children.add(new Child(input, 1)));
        return children;
    }

    private List<Child> batches(List<JsonNode> selected, JsonNode effective, ObjectNode stateContext) {
        JsonNode batcher = state.get("ItemBatcher");
        int maxItems;
        if (batcher.has("MaxItemsPerBatch")) {
            maxItems = batcher.get("MaxItemsPerBatch").asInt();
        } else {
            JsonNode value = JsonPaths.require(effective, stateContext, batcher.get("MaxItemsPerBatchPath").asText(),
                    where + " ItemBatcher MaxItemsPerBatchPath");
            if (!DefinitionValidator.positiveInt(value)) {
                throw new StatesError(StatesError.RUNTIME, where + ": MaxItemsPerBatchPath gave " + value
                        + ", not a positive integer");
            }
            maxItems = value.asInt();
        }
        JsonNode batchInput = batcher.has("BatchInput")
                ? PayloadTemplate.evaluate(batcher.get("BatchInput"), effective, stateContext, executor.uuids(),
                where + " ItemBatcher BatchInput")
                : null;
        List<Child> children = new ArrayList<>();
        for (int start = 0; start < selected.size(); start += maxItems) {
            List<JsonNode> group = selected.subList(start, Math.min(selected.size(), start + maxItems));
            ObjectNode input = JSON.objectNode();
            if (batchInput != null) {
                input.set("BatchInput", batchInput);
            }
            input.putArray("Items").addAll(group);
            children.add(new Child(input, group.size()));
        }
        return children;
    }

    private boolean exceeded(List<ParallelChildren.Failure<Child>> failures, int totalItems) {
        if (failures.isEmpty()) {
            return false;
        }
        if (!distributed) {
            return true;
        }
        int failedItems = failures.stream().mapToInt(f -> f.child().itemCount()).sum();
        boolean hasCount = state.has("ToleratedFailureCount");
        boolean hasPercentage = state.has("ToleratedFailurePercentage");
        if (!hasCount && !hasPercentage) {
            return true;
        }
        return (hasCount && failedItems > state.get("ToleratedFailureCount").asInt())
                || (hasPercentage && failedItems * 100.0 / totalItems > state.get("ToleratedFailurePercentage").asDouble());
    }

    private StatesError error(List<ParallelChildren.Failure<Child>> failures, int totalItems) {
        StatesError first = failures.get(0).error();
        if (!distributed) {
            return first;
        }
        int failedItems = failures.stream().mapToInt(f -> f.child().itemCount()).sum();
        return new StatesError("States.ExceedToleratedFailureThreshold", where
                + ": the tolerated failure threshold was exceeded: " + failedItems + " of " + totalItems
                + " items failed; the first with " + first.error() + ": " + first.cause());
    }
}
