package com.leadimport.workflow;

import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.row.Lead;
import com.leadimport.domain.row.Reason;
import com.leadimport.domain.row.RowOutcome;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chunk after the per-row checks and DNC: leads still in the running, and rows already rejected.
 * Its work file is binary ({@link BinaryFile}; fields and reasons by name, so a file written
 * before a deploy that reorders them still reads).
 */
public record ScreenedChunk(List<Lead> leads, List<RowOutcome.Rejected> rejected) {

    private static final int VERSION = 1;

    List<byte[]> encode() {
        BinaryFile.Writer out = new BinaryFile.Writer(leads.size() * 256 + rejected.size() * 128 + 16);
        out.writeInt(VERSION).writeInt(leads.size());
        for (Lead lead : leads) {
            out.writeLong(lead.rowNumber()).writeInt(lead.fields().size());
            lead.fields().forEach((field, value) -> out.writeString(field.name()).writeString(value));
            out.writeInt(lead.phones().size());
            lead.phones().forEach((field, phone) -> out.writeString(field.name()).writeString(phone.display())
                    .writeString(phone.e164()));
            out.writeString(lead.callInfo()).writeString(lead.timeZone()).writeString(lead.numberTimeZone())
                    .writeInt(lead.secondary().size());
            lead.secondary().forEach((name, value) -> out.writeString(name).writeString(value));
        }
        out.writeInt(rejected.size());
        rejected.forEach(row -> writeRejected(out, row));
        return out.parts();
    }

    static ScreenedChunk decode(List<byte[]> file) {
        BinaryFile.Reader in = new BinaryFile.Reader(file, "a screened chunk file").expectVersion(VERSION);
        List<Lead> leads = in.readList(ScreenedChunk::readLead);
        return new ScreenedChunk(leads, in.readList(ScreenedChunk::readRejected));
    }

    private static Lead readLead(BinaryFile.Reader in) {
        long rowNumber = in.readLong();
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        for (int i = in.readInt(); i > 0; i--) {
            fields.put(LeadField.valueOf(in.readString()), in.readString());
        }
        Map<LeadField, FormattedPhone> phones = new EnumMap<>(LeadField.class);
        for (int i = in.readInt(); i > 0; i--) {
            phones.put(LeadField.valueOf(in.readString()), new FormattedPhone(in.readString(), in.readString()));
        }
        String callInfo = in.readString();
        String timeZone = in.readString();
        String numberTimeZone = in.readString();
        Map<String, String> secondary = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            secondary.put(in.readString(), in.readString());
        }
        return new Lead(rowNumber, fields, phones, callInfo, timeZone, numberTimeZone, secondary);
    }

    /** A rejected row: its number, reason, message and original cells (or null). */
    static void writeRejected(BinaryFile.Writer out, RowOutcome.Rejected row) {
        out.writeLong(row.rowNumber()).writeString(row.reason().name()).writeString(row.message()).writeStrings(row.cells());
    }

    static RowOutcome.Rejected readRejected(BinaryFile.Reader in) {
        long rowNumber = in.readLong();
        Reason reason = Reason.valueOf(in.readString());
        return new RowOutcome.Rejected(rowNumber, reason, in.readString(), in.readStrings());
    }
}
