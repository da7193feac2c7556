package com.leadimport.bench;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.leadimport.domain.csv.CsvRow;
import com.leadimport.domain.csv.LeadCsvReader;
import com.leadimport.domain.dedupe.DedupeKeys;
import com.leadimport.domain.phone.FormattedPhone;
import com.leadimport.domain.request.DeleteExisting;
import com.leadimport.domain.request.Details;
import com.leadimport.domain.request.DncCheck;
import com.leadimport.domain.request.FieldMapping;
import com.leadimport.domain.request.Format;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.request.Mapping;
import com.leadimport.domain.request.Settings;
import com.leadimport.domain.row.DncLookup;
import com.leadimport.domain.row.Lead;
import com.leadimport.domain.row.Reason;
import com.leadimport.domain.row.RowOutcome;
import com.leadimport.domain.row.RowProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The per-row CPU cost of an import, single thread, after warm-up, in one run: (a) the naive
 * path, commons-csv plus libphonenumber parse/isValidNumber/format for each number; (b) our
 * path, the streaming reader plus the row processor (mapping, email validation, formatting
 * both phones, time zone) plus dedupe keys. Both must format every number identically.
 */
final class CpuBench {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private CpuBench() {
    }

    static void run(Options options) throws IOException {
        Path file;
        if (options.values().containsKey("file")) {
            file = Path.of(options.get("file", null));
        } else {
            file = Files.createTempFile("leads-bench", ".csv");
            file.toFile().deleteOnExit();
            long rows = LeadFileGenerator.write(file, options.getLong("mb", 50) * 1024 * 1024 - 4096, 42);
            System.out.printf(Locale.ROOT, "generated %s: %d rows, %.1f MB%n", file, rows, Files.size(file) / 1048576.0);
        }
        List<String> headers = List.of(LeadFileGenerator.HEADER.split(","));
        RowProcessor processor = new RowProcessor(request(), headers);

        long[] naiveChecksum = new long[1];
        long[] oursChecksum = new long[1];
        verifySameNumbers(file, processor);
        System.out.println("verified: both paths format every number of the file identically");

        double bestNaive = 0;
        double bestOurs = 0;
        long naivePeak = 0;
        long oursPeak = 0;
        for (int round = 1; round <= 3; round++) {
            resetPeaks();
            long start = System.nanoTime();
            long rows = naive(file, naiveChecksum);
            double naiveRate = rows / ((System.nanoTime() - start) / 1e9);
            naivePeak = Math.max(naivePeak, peakHeap());
            resetPeaks();
            start = System.nanoTime();
            rows = ours(file, processor, oursChecksum);
            double oursRate = rows / ((System.nanoTime() - start) / 1e9);
            oursPeak = Math.max(oursPeak, peakHeap());
            System.out.printf(Locale.ROOT, "round %d%s: naive %,.0f rows/s, ours %,.0f rows/s%n", round,
                    round == 1 ? " (warm-up)" : "", naiveRate, oursRate);
            if (round > 1) {
                bestNaive = Math.max(bestNaive, naiveRate);
                bestOurs = Math.max(bestOurs, oursRate);
            }
        }
        System.out.printf(Locale.ROOT, "naive: %,.0f rows/s, peak heap %d MB%n", bestNaive, naivePeak >> 20);
        System.out.printf(Locale.ROOT, "ours:  %,.0f rows/s, peak heap %d MB%n", bestOurs, oursPeak >> 20);
        System.out.printf(Locale.ROOT, "cpu ratio %.2f%n", bestOurs / bestNaive);
    }

    static ImportRequest request() {
        Map<LeadField, FieldMapping> fields = new LinkedHashMap<>();
        fields.put(LeadField.FIRST_NAME, new FieldMapping(List.of("First Name"), null));
        fields.put(LeadField.LAST_NAME, new FieldMapping(List.of("Last Name"), null));
        fields.put(LeadField.PHONE1, new FieldMapping(List.of("Mobile"), null));
        fields.put(LeadField.PHONE2, new FieldMapping(List.of("Landline"), null));
        fields.put(LeadField.EMAIL, new FieldMapping(List.of("Email"), null));
        fields.put(LeadField.ADDRESS1, new FieldMapping(List.of("Address 1", "Address 2"), ", "));
        fields.put(LeadField.TOWN, new FieldMapping(List.of("Town"), null));
        fields.put(LeadField.POSTCODE, new FieldMapping(List.of("Postcode"), null));
        Settings settings = new Settings("bench", false, Format.preset(Format.FormatPreset.DEFAULT_UK), "",
                new DeleteExisting(false, false), true, new DncCheck(false, List.of()), null, null, false, null, null, null);
        return new ImportRequest(new Details(null, "Bench", "Bench", null, true), settings, new Mapping("bench", fields),
                null, null);
    }

    private static long naive(Path file, long[] checksum) throws IOException {
        long rows = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            for (CSVRecord record : parser) {
                String mobile = naiveFormat(record.get(2));
                String landline = naiveFormat(record.get(3));
                checksum[0] += (mobile == null ? 0 : mobile.hashCode()) + (landline == null ? 0 : landline.hashCode());
                rows++;
            }
        }
        return rows;
    }

    private static String naiveFormat(String raw) {
        if (raw.isBlank()) {
            return null;
        }
        try {
            PhoneNumber number = UTIL.parse(raw, "GB");
            if (number.getCountryCode() != 44 || !UTIL.isValidNumber(number)) {
                return null;
            }
            return UTIL.format(number, PhoneNumberFormat.NATIONAL).replace(" ", "");
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static long ours(Path file, RowProcessor processor, long[] checksum) throws IOException {
        long rows = 0;
        try (InputStream in = Files.newInputStream(file);
             LeadCsvReader reader = LeadCsvReader.open(file.getFileName().toString(), Files.size(file), in)) {
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                RowOutcome outcome = processor.process(row, DncLookup.NONE);
                if (outcome instanceof RowOutcome.Imported imported) {
                    Lead lead = imported.lead();
                    checksum[0] += DedupeKeys.of(lead, com.leadimport.domain.request.Dedupe.On.BOTH).size();
                    checksum[0] += hash(lead.phones().get(LeadField.PHONE1)) + hash(lead.phones().get(LeadField.PHONE2));
                }
                rows++;
            }
        }
        return rows;
    }

    private static int hash(FormattedPhone phone) {
        return phone == null ? 0 : phone.display().hashCode();
    }

    /** Every row: the numbers our pipeline keeps are exactly those the naive path formats, in the same form. */
    private static void verifySameNumbers(Path file, RowProcessor processor) throws IOException {
        try (Reader naiveIn = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(naiveIn);
             InputStream in = Files.newInputStream(file);
             LeadCsvReader reader = LeadCsvReader.open(file.getFileName().toString(), Files.size(file), in)) {
            for (CSVRecord record : parser) {
                CsvRow row = reader.next();
                String mobile = naiveFormat(record.get(2));
                String landline = naiveFormat(record.get(3));
                RowOutcome outcome = processor.process(row, DncLookup.NONE);
                String ourMobile = null;
                String ourLandline = null;
                if (outcome instanceof RowOutcome.Imported imported) {
                    ourMobile = display(imported.lead().phones().get(LeadField.PHONE1));
                    ourLandline = display(imported.lead().phones().get(LeadField.PHONE2));
                } else {
                    Reason reason = ((RowOutcome.Rejected) outcome).reason();
                    if (reason != Reason.INVALID_PHONE && reason != Reason.NO_CONTACT) {
                        throw new IllegalStateException("row " + row.rowNumber() + " rejected as " + reason);
                    }
                }
                if (!java.util.Objects.equals(mobile, ourMobile) || !java.util.Objects.equals(landline, ourLandline)) {
                    throw new IllegalStateException("row " + row.rowNumber() + " formats differently: naive "
                            + mobile + "/" + landline + ", ours " + ourMobile + "/" + ourLandline);
                }
            }
            if (reader.next() != null) {
                throw new IllegalStateException("the two readers disagree on the number of rows");
            }
        }
    }

    private static String display(FormattedPhone phone) {
        return phone == null ? null : phone.display();
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
