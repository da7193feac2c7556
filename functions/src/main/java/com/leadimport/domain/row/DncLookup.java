package com.leadimport.domain.row;

/** Whether a number (by its {@code FormattedPhone.key()}) is on one of the ticked DNC categories. */
@FunctionalInterface
public interface DncLookup {

    DncLookup NONE = key -> false;

    boolean isListed(String phoneKey);
}
