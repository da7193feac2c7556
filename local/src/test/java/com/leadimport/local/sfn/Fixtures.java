package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Definitions written with single quotes (or as text blocks), and an executor whose sleeper records the delays instead of waiting. */
final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A definition with double quotes is taken as is (intrinsics need single quotes); otherwise ' becomes ". */
    static StateMachine load(String definition) {
        return StateMachine.load(definition.contains("\"") ? definition : definition.replace('\'', '"'), Map.of());
    }

    StateMachineExecutor.Builder builder(String definition, TaskInvoker tasks) {
        return StateMachineExecutor.builder("test", load(definition)).tasks(tasks).threads(8).sleeper(sleeps::add)
                .random(() -> 0.5).uuids(() -> UUID.fromString("00000000-0000-4000-8000-000000000001"));
    }

    StateMachineExecutor executor(String definition, TaskInvoker tasks) {
        return builder(definition, tasks).build();
    }

    StateMachineExecutor executor(String definition) {
        return executor(definition, (fn, payload) -> {
            throw new AssertionError("no task expected");
        });
    }

    /** A lambda:invoke Task state named {@code name} calling function {@code name + "Fn"} with the whole input. */
    static String task(String name, String next, String extra) {
        return "'" + name + "': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', "
                + "'Parameters': {'FunctionName': '" + name + "Fn', 'Payload.$': '$'}" + extra + ", "
                + (next == null ? "'End': true" : "'Next': '" + next + "'") + "}";
    }

    static String machine(String startAt, String states) {
        return "{'StartAt': '" + startAt + "', 'States': {" + states + "}}";
    }
}
