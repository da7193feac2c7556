package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a (sub-)machine runs: its context object (Execution and StateMachine; a state adds
 * State, a Map's ItemSelector adds Map) and the history its events go to.
 */
record Scope(ObjectNode context, History history, java.time.Instant deadline) {

    Scope child(String label) {
        return new Scope(context, history.child(label), deadline);
    }
}
