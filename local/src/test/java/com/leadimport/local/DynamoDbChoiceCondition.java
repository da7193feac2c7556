package com.leadimport.local;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The dynalite pass skips, with the reason, where dynalite cannot run (no node, or not
 * installed); registered only for that pass (surefire's dynalite execution turns on extension
 * autodetection), so the default pass never consults it.
 */
public final class DynamoDbChoiceCondition implements ExecutionCondition {

    private static volatile String reason;
    private static volatile boolean checked;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!LocalDynamoDb.configured().equals("dynalite")) {
            return ConditionEvaluationResult.enabled("the embedded store");
        }
        if (!checked) {
            reason = LocalDynamoDb.Dynalite.unavailable();
            checked = true;
            if (reason != null) {
                System.err.println("dynalite pass skipped: " + reason);
            }
        }
        return reason == null ? ConditionEvaluationResult.enabled("dynalite is available")
                : ConditionEvaluationResult.disabled("dynalite pass skipped: " + reason);
    }
}
