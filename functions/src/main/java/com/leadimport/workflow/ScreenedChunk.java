package com.leadimport.workflow;

import com.leadimport.domain.row.Reason;
import com.leadimport.domain.row.RowOutcome;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What Screen decided for a chunk, for WriteChunk: the rows it rejected (reason and message; their
 * cells are in the chunk file) and which of the chunk's numbers are on a ticked DNC category. The
 * leads themselves are not written: WriteChunk makes each again from its row with these DNC answers,
 * and only for the rows still in the running (an in-file duplicate is never made). Making a lead
 * from its row costs less than writing it out and reading it back, and in-file duplicates can be
 * half of a file. Its work file is binary ({@link BinaryFile}); reasons are symbols by name.
 */
public record ScreenedChunk(List<RowOutcome.Rejected> rejected, Set<String> dncListed) {

    private static final int VERSION = 5;

    List<byte[]> encode() {
        BinaryFile.Writer out = new BinaryFile.Writer(rejected.size() * 64 + dncListed.size() * 16 + 16);
        out.writeInt(VERSION).writeCount(rejected.size());
        // the cells are in the chunk file
        rejected.forEach(row -> writeRejected(out, new RowOutcome.Rejected(row.rowNumber(), row.reason(), row.message(), null)));
        out.writeStrings(dncListed);
        return out.parts();
    }

    /** The rejected rows come back without their cells. */
    static ScreenedChunk decode(List<byte[]> file) {
        BinaryFile.Reader in = new BinaryFile.Reader(file, "a screened chunk file").expectVersion(VERSION);
        List<RowOutcome.Rejected> rejected = in.readList(ScreenedChunk::readRejected);
        List<String> dncListed = in.readStrings();
        if (dncListed == null) {
            // written as a list, empty or not: a missing one would let numbers on DNC through
            throw new IllegalStateException("a screened chunk file is damaged: it has no list of the numbers on DNC");
        }
        return new ScreenedChunk(rejected, new LinkedHashSet<>(dncListed));
    }

    /** A rejected row: its number, reason, message and original cells (or null); chunk results write theirs so too. */
    static void writeRejected(BinaryFile.Writer out, RowOutcome.Rejected row) {
        out.writeNumber(row.rowNumber()).writeSymbol(row.reason().name()).writeString(row.message()).writeStrings(row.cells());
    }

    static RowOutcome.Rejected readRejected(BinaryFile.Reader in) {
        long rowNumber = in.readNumber();
        Reason reason = Reason.valueOf(in.readSymbol());
        return new RowOutcome.Rejected(rowNumber, reason, in.readString(), in.readStrings());
    }
}
