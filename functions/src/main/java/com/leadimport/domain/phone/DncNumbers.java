package com.leadimport.domain.phone;

import java.util.Optional;

/** Normalises a number entered on a DNC list (any common UK or international form) to E.164. */
public final class DncNumbers {

    public static Optional<String> toE164(String anyForm) {
        throw new UnsupportedOperationException("being written");
    }
}
