package com.leadimport.domain.request;

/** Delete the destination list's records before importing; optionally keep leads with callbacks. */
public record DeleteExisting(boolean enabled, boolean keepLeadsWithCallbacks) {
}
