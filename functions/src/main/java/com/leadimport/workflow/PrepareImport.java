package com.leadimport.workflow;

import com.leadimport.domain.csv.LeadCsvReader;
import com.leadimport.domain.request.Details;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.imports.ImportRecord;
import com.leadimport.ports.CatalogStore;
import com.leadimport.ports.DncStore;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.ImportStore;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * First state of the workflow: finds (or, for a supplier drop, creates) the import the file
 * belongs to, claims it for this execution, checks the file's header and the request as a
 * whole, saves the request as resolved and creates the list if missing. Nothing destructive
 * happens here: Delete existing records and Clear fetched data wait until the whole file has
 * been read and the list's lease is held ({@link PrepareList}).
 */
public final class PrepareImport {

    private final ImportStore imports;
    private final CatalogStore catalog;
    private final DncStore dnc;
    private final FileStore files;
    private final Clock clock;

    public PrepareImport(ImportStore imports, CatalogStore catalog, DncStore dnc, FileStore files, Clock clock) {
        this.imports = imports;
        this.catalog = catalog;
        this.dnc = dnc;
        this.files = files;
        this.clock = clock;
    }

    public ImportJob prepare(FileArrived file) {
        String importId = importIdFor(file);
        if (!imports.claim(importId, file.executionId())) {
            return ImportJob.skipped(importId);
        }
        ImportRecord record = imports.find(importId).orElseThrow();
        RequestChecks.Checked checked = new RequestChecks(catalog, dnc)
                .check(record.request(), headersOf(record), record.importDate());
        ImportRequest request = checked.request();

        checked.tableToSave().ifPresent(catalog::saveContactTable);
        imports.saveRequest(importId, request);
        Details details = request.details();
        catalog.createList(details.list());
        catalog.saveSupplier(details.supplier());
        return new ImportJob(importId, false);
    }

    /** The import a file belongs to; a supplier drop's import is created here from the supplier's default. */
    public String importIdFor(FileArrived file) {
        Optional<String> upload = UploadKeys.importIdOfUpload(file.key());
        if (upload.isPresent()) {
            return upload.get();
        }
        if (UploadKeys.supplierOf(file.key()).isEmpty()) {
            throw new ImportRefusedException("'" + file.key()
                    + "' is not an import upload: files go under uploads/<import>/ or suppliers/<supplier>/");
        }
        String importId = UploadKeys.dropImportId(file.bucket(), file.key(), file.sequencer());
        if (imports.find(importId).isEmpty()) {
            String key = objectKey(file);
            String supplier = UploadKeys.supplierOf(key).orElseThrow(() -> new ImportRefusedException("'" + key
                    + "' is not a supplier drop: files go under suppliers/<supplier>/<file name>"));
            ImportRequest request = catalog.supplierDefault(supplier)
                    .map(template -> asSupplierDrop(template, UploadKeys.fileName(key)))
                    .orElse(null);
            imports.create(ImportRecord.awaitingFile(importId, request, file.bucket(), key,
                    UploadKeys.fileName(key), clock.instant(), "supplier:" + supplier, LocalDate.now(clock)));
            if (request == null) {
                throw new SupplierNotConfiguredException(supplier);
            }
        }
        return importId;
    }

    private static ImportRequest asSupplierDrop(ImportRequest template, String fileName) {
        Details d = template.details();
        Details details = new Details("Supplier drop: " + fileName, d.list(), d.supplier(), d.costPerLead(), true);
        return new ImportRequest(details, template.settings(), template.mapping(), template.callInfo(), template.secondary());
    }

    /**
     * The object's key as S3 names it. S3 notifications URL-encode keys ("Acme Data/a b.csv" as
     * "Acme+Data/a+b.csv"); whether EventBridge's copy is encoded is not documented. So the key
     * as delivered is used when such an object exists, else its URL-decoded form when that one does.
     */
    private String objectKey(FileArrived file) {
        if (files.exists(file.bucket(), file.key())) {
            return file.key();
        }
        try {
            String decoded = URLDecoder.decode(file.key(), StandardCharsets.UTF_8);
            return !decoded.equals(file.key()) && files.exists(file.bucket(), decoded) ? decoded : file.key();
        } catch (IllegalArgumentException notEncoded) {
            return file.key();
        }
    }

    private List<String> headersOf(ImportRecord record) {
        long size = files.size(record.fileBucket(), record.fileKey());
        try (InputStream in = files.open(record.fileBucket(), record.fileKey());
             LeadCsvReader reader = LeadCsvReader.open(record.fileName(), size, in, record.delimiter())) {
            return reader.headers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
