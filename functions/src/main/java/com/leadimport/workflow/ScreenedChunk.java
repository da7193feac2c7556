package com.leadimport.workflow;

import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.row.Lead;
import com.leadimport.domain.row.Reason;
import com.leadimport.domain.row.RowOutcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * A chunk after the per-row checks and DNC: leads still in the running, and rows already rejected.
 * Its work file is binary ({@link BinaryFile}); fields, reasons and time zones are symbols by name,
 * so a file written before a deploy that reorders them still reads.
 */
public record ScreenedChunk(List<Lead> leads, List<RowOutcome.Rejected> rejected) {

    private static final int VERSION = 3;

    List<byte[]> encode() {
        BinaryFile.Writer out = new BinaryFile.Writer(leads.size() * 160 + rejected.size() * 128 + 16);
        out.writeInt(VERSION).writeCount(leads.size());
        for (Lead lead : leads) {
            out.writeNumber(lead.rowNumber()).writeCount(lead.fields().size());
            lead.fields().forEach((field, value) -> out.writeSymbol(field.name()).writeString(value));
            out.writeCount(lead.phones().size());
            lead.phones().forEach((field, phone) -> out.writeSymbol(field.name()).writeString(phone.display())
                    .writeString(phone.e164()));
            out.writeString(lead.callInfo()).writeSymbol(lead.timeZone()).writeSymbol(lead.numberTimeZone())
                    .writeCount(lead.secondary().size());
            lead.secondary().forEach((name, value) -> out.writeSymbol(name).writeString(value));
        }
        out.writeCount(rejected.size());
        rejected.forEach(row -> writeRejected(out, row));
        return out.parts();
    }

    static ScreenedChunk decode(List<byte[]> file) {
        return decode(file, row -> true);
    }

    /** With only the leads whose row is wanted made (the others passed over: an in-file duplicate is never stored). */
    static ScreenedChunk decode(List<byte[]> file, LongPredicate wanted) {
        BinaryFile.Reader in = new BinaryFile.Reader(file, "a screened chunk file").expectVersion(VERSION);
        int count = in.readCount();
        List<Lead> leads = new ArrayList<>(Math.min(count, 1 << 16));
        for (int i = 0; i < count; i++) {
            long rowNumber = in.readNumber();
            Lead lead = readLead(in, rowNumber, wanted.test(rowNumber));
            if (lead != null) {
                leads.add(lead);
            }
        }
        return new ScreenedChunk(leads, in.readList(ScreenedChunk::readRejected));
    }

    /** The lead after its row number; passed over ({@code make} false: null), its symbols still read. */
    private static Lead readLead(BinaryFile.Reader in, long rowNumber, boolean make) {
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        for (int i = in.readCount(); i > 0; i--) {
            String field = in.readSymbol();
            String value = in.readString(make);
            if (make) {
                fields.put(LeadField.valueOf(field), value);
            }
        }
        Map<LeadField, FormattedPhone> phones = new EnumMap<>(LeadField.class);
        for (int i = in.readCount(); i > 0; i--) {
            String field = in.readSymbol();
            FormattedPhone phone = new FormattedPhone(in.readString(make), in.readString(make));
            if (make) {
                phones.put(LeadField.valueOf(field), phone);
            }
        }
        String callInfo = in.readString(make);
        String timeZone = in.readSymbol();
        String numberTimeZone = in.readSymbol();
        Map<String, String> secondary = new LinkedHashMap<>();
        for (int i = in.readCount(); i > 0; i--) {
            String name = in.readSymbol();
            String value = in.readString(make);
            if (make) {
                secondary.put(name, value);
            }
        }
        return make ? new Lead(rowNumber, fields, phones, callInfo, timeZone, numberTimeZone, secondary) : null;
    }

    /** A rejected row: its number, reason, message and original cells (or null). */
    static void writeRejected(BinaryFile.Writer out, RowOutcome.Rejected row) {
        out.writeNumber(row.rowNumber()).writeSymbol(row.reason().name()).writeString(row.message()).writeStrings(row.cells());
    }

    static RowOutcome.Rejected readRejected(BinaryFile.Reader in) {
        long rowNumber = in.readNumber();
        Reason reason = Reason.valueOf(in.readSymbol());
        return new RowOutcome.Rejected(rowNumber, reason, in.readString(), in.readStrings());
    }
}
