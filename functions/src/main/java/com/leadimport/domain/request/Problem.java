package com.leadimport.domain.request;

/**
 * One thing wrong with what a person entered, placed for them: the request's field path
 * ({@code settings.callingCode}, or null when no one field is at fault), the wizard stage and
 * the field's label as the console shows them, and the message in words. {@link #text()} is the
 * line a person reads: "Settings - Calling code: digits only (e.g. 0 or 44), not 'x'".
 */
public record Problem(String field, String stage, String label, String message) {

    /** A problem with the field at this path, its stage and label from {@link FieldLabels}. */
    public static Problem of(String field, String message) {
        return new Problem(field, FieldLabels.stage(field), FieldLabels.label(field), message);
    }

    /** A problem with no one field at fault. */
    public static Problem general(String message) {
        return new Problem(null, null, null, message);
    }

    public String text() {
        if (stage == null) {
            return message;
        }
        return stage + (label == null ? "" : " - " + label) + ": " + message;
    }
}
