package com.leadimport.workflow;

/** A supplier dropped a file but has no default settings and mapping to import it with. */
public class SupplierNotConfiguredException extends RuntimeException {
    public SupplierNotConfiguredException(String supplier) {
        super("supplier '" + supplier + "' has no default settings and mapping: run one import for '" + supplier
                + "' in the wizard with Ad-hoc unticked, then drop the file again");
    }
}
