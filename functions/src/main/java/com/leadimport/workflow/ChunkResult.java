package com.leadimport.workflow;

import com.leadimport.domain.row.RowOutcome;
import com.leadimport.ports.LeadStore.LeadRef;
import java.util.List;

/**
 * What became of every row of a chunk, decided once and written before anything is stored,
 * so a retried chunk replays the same decisions instead of deciding again against a store it
 * has already changed. Its work file is binary ({@link BinaryFile}).
 */
public record ChunkResult(int chunk, List<Long> importedRows, List<RowOutcome.Rejected> rejected, List<LeadRef> replaced,
                          List<LeadRef> reset) {

    private static final int VERSION = 3;

    List<byte[]> encode() {
        BinaryFile.Writer out = new BinaryFile.Writer(importedRows.size() * 8 + rejected.size() * 160 + 64);
        out.writeInt(VERSION).writeInt(chunk).writeCount(importedRows.size());
        importedRows.forEach(out::writeNumber);
        out.writeCount(rejected.size());
        rejected.forEach(row -> ScreenedChunk.writeRejected(out, row));
        for (List<LeadRef> leads : List.of(replaced, reset)) {
            out.writeCount(leads.size());
            leads.forEach(lead -> out.writeSymbol(lead.list()).writeString(lead.leadId()));
        }
        return out.parts();
    }

    static ChunkResult decode(List<byte[]> file) {
        BinaryFile.Reader in = new BinaryFile.Reader(file, "a chunk result file").expectVersion(VERSION);
        int chunk = in.readInt();
        List<Long> imported = in.readList(BinaryFile.Reader::readNumber);
        List<RowOutcome.Rejected> rejected = in.readList(ScreenedChunk::readRejected);
        List<LeadRef> replaced = in.readList(ChunkResult::readLead);
        return new ChunkResult(chunk, imported, rejected, replaced, in.readList(ChunkResult::readLead));
    }

    private static LeadRef readLead(BinaryFile.Reader in) {
        return new LeadRef(in.readSymbol(), in.readString());
    }
}
