package com.leadimport.domain.row;

/** Why a row was not imported; checks run in this order and the first that applies is the reason. */
public enum Reason {
    MALFORMED_ROW, INVALID_EMAIL, INVALID_FIELD, DNC, INVALID_PHONE, NO_CONTACT, DUPLICATE, RESET_EXISTING
}
