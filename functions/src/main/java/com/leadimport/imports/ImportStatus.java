package com.leadimport.imports;

/**
 * Where an import is. {@code AWAITING_FILE}: created by the wizard, upload pending.
 * {@code REFUSED}: the file or request broke a rule of the guide; nothing was imported.
 * {@code FAILED}: something else went wrong; the error says what.
 */
public enum ImportStatus {
    AWAITING_FILE, RUNNING, COMPLETED, REFUSED, FAILED;

    public boolean finished() {
        return this == COMPLETED || this == REFUSED || this == FAILED;
    }
}
