package com.leadimport.workflow;

import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.row.RowProcessor;
import com.leadimport.imports.ImportRecord;
import com.leadimport.ports.ImportStore;
import java.util.List;

/**
 * The import a warm Lambda environment is working on: its record and compiled row rules,
 * kept between the chunks of the same import so the phone formatter's caches stay warm.
 */
final class ImportContexts {

    private final ImportStore imports;
    private volatile Context current;

    ImportContexts(ImportStore imports) {
        this.imports = imports;
    }

    Context of(String importId, List<String> headers) {
        Context context = current;
        if (context == null || !context.isFor(importId, headers)) {
            context = of(imports.find(importId)
                    .orElseThrow(() -> new IllegalStateException("import " + importId + " does not exist")), headers);
        }
        return context;
    }

    /** The context of a record the caller has just read: the kept row rules are reused for the same import and headers. */
    Context of(ImportRecord record, List<String> headers) {
        Context kept = current;
        Context context = new Context(record, headers, kept != null && kept.isFor(record.importId(), headers)
                ? kept.processor() : new RowProcessor(record.request(), headers));
        current = context;
        return context;
    }

    record Context(ImportRecord record, List<String> headers, RowProcessor processor) {
        ImportRequest request() {
            return record.request();
        }

        private boolean isFor(String importId, List<String> headers) {
            return record.importId().equals(importId) && this.headers.equals(headers);
        }
    }
}
