package com.leadimport.domain.row;

/** Why a row was not imported; checks run in this order and the first that applies is the reason. */
public enum Reason {
    MALFORMED_ROW("could not be read (broken quoting, the wrong number of cells, or a control character)"),
    INVALID_EMAIL("the email address is not valid"),
    INVALID_FIELD("a secondary field's value does not fit its type"),
    DNC("every number is on a ticked Do-Not-Call category"),
    INVALID_PHONE("no valid phone number"),
    NO_CONTACT("no phone number or email at all"),
    DUPLICATE("a duplicate (of another row or of a stored lead)"),
    RESET_EXISTING("a duplicate of a stored lead, whose call attempts were reset instead");

    private final String words;

    Reason(String words) {
        this.words = words;
    }

    /** The reason as a supervisor reads it. */
    public String words() {
        return words;
    }
}
