package com.leadimport.workflow;

import com.leadimport.domain.request.Dedupe;
import com.leadimport.domain.request.DncCheck;
import com.leadimport.domain.row.DncLookup;
import com.leadimport.domain.row.Lead;
import com.leadimport.domain.row.RowOutcome;
import com.leadimport.domain.row.RowProcessor;
import com.leadimport.domain.row.RowProcessor.Prepared;
import com.leadimport.ports.DncStore;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.ImportStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * First parallel phase, one chunk: validate, format and DNC-check every row (one batched DNC
 * lookup for the whole chunk), then write what was decided (the rejected rows and the chunk's
 * numbers on DNC: {@link ScreenedChunk}) and the surviving leads' key fingerprints (for the in-file
 * resolution and the shared-key analysis).
 */
public final class ScreenChunk {

    private final ImportStore imports;
    private final DncStore dnc;
    private final FileStore files;
    private final String workBucket;
    private final ImportContexts contexts;

    public ScreenChunk(ImportStore imports, DncStore dnc, FileStore files, String workBucket) {
        this.imports = imports;
        this.dnc = dnc;
        this.files = files;
        this.workBucket = workBucket;
        this.contexts = new ImportContexts(imports);
    }

    public void screen(ChunkRef ref) {
        ChunkCodec.Chunk chunk = ChunkCodec.decode(files.readParts(workBucket, WorkFiles.chunk(ref.importId(), ref.chunk())));
        ImportContexts.Context context = contexts.of(ref.importId(), chunk.headers());
        RowProcessor processor = context.processor();
        List<Prepared> prepared = new ArrayList<>(chunk.rows().size());
        List<String> numbers = new ArrayList<>(); // the DNC store looks each up once, and only when a ticked category may hold numbers
        chunk.rows().forEach(row -> {
            Prepared p = processor.prepare(row);
            prepared.add(p);
            if (p instanceof Prepared.Ready ready) {
                ready.candidate().phones().values().forEach(phone -> numbers.add(phone.key()));
            }
        });
        Set<String> listed = dncListed(context.request().settings().dnc(), numbers);
        DncLookup lookup = listed::contains;
        List<Lead> leads = new ArrayList<>();
        List<RowOutcome.Rejected> rejected = new ArrayList<>();
        for (Prepared p : prepared) {
            RowOutcome outcome = p instanceof Prepared.Ready ready
                    ? processor.screen(ready.candidate(), lookup)
                    : ((Prepared.Refused) p).rejected();
            if (outcome instanceof RowOutcome.Imported imported) {
                leads.add(imported.lead());
            } else {
                rejected.add((RowOutcome.Rejected) outcome);
            }
        }
        files.putParts(workBucket, WorkFiles.screened(ref.importId(), ref.chunk()), new ScreenedChunk(rejected, listed).encode(),
                "application/octet-stream");
        Dedupe dedupe = context.request().settings().dedupe();
        files.put(workBucket, WorkFiles.fingerprints(ref.importId(), ref.chunk()),
                Fingerprints.encode(leads, dedupe != null && dedupe.enabled() ? dedupe.on() : null), "application/octet-stream");
        imports.chunkScreened(ref.importId(), ref.chunk());
    }

    /** The chunk's numbers on a ticked category (none when DNC is off). */
    private Set<String> dncListed(DncCheck check, List<String> numbers) {
        if (check == null || !check.enabled() || numbers.isEmpty()) {
            return Set.of();
        }
        return dnc.listed(check.categories(), numbers);
    }
}
