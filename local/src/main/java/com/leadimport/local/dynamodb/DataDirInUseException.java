package com.leadimport.local.dynamodb;

import java.nio.file.Path;

/** Another process has the data dir's store open: one data dir, one process. */
public final class DataDirInUseException extends IllegalStateException {

    DataDirInUseException(Path dir) {
        super("the data folder " + dir.getParent().toAbsolutePath() + " is in use by another lead-import process (one data"
                + " folder, one process): stop the other one, or give this one another --data folder");
    }
}
