package com.leadimport.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A seeded lead file like a supplier's: names, two phone columns in the forms people write
 * (national with spaces, +44, brackets), some invalid or missing numbers, some repeated
 * numbers, an email, and address columns.
 */
final class LeadFileGenerator {

    static final String HEADER = "First Name,Last Name,Mobile,Landline,Email,Address 1,Address 2,Town,Postcode";
    private static final String[] FIRST = {"Ann", "Bob", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ian", "Jo"};
    private static final String[] LAST = {"Lee", "Hart", "Dunn", "Patel", "Moss", "Cole", "Reed", "Ito", "Shaw", "Kerr"};
    private static final String[] TOWNS = {"Leeds", "York", "Hull", "Derby", "Bath", "Bristol", "Manchester", "Glasgow"};
    private static final String[] MOBILE_PREFIXES = {"07412", "07911", "07797", "07624", "07890", "07506", "07123"};
    private static final String[] LANDLINE_PREFIXES = {"0113 496", "0161 496", "020 7946", "0117 496", "0131 496", "01632 96"};

    private LeadFileGenerator() {
    }

    /** Writes exactly {@code rows} data rows. */
    static void writeRows(Path file, long rows, long seed) throws IOException {
        writeRows(file, rows, seed, "@example.com");
    }

    /** The same with a shorter email domain, so that 550,000 rows fit under the 50 MB file limit. */
    static void writeCompactRows(Path file, long rows, long seed) throws IOException {
        writeRows(file, rows, seed, "@ex.co");
    }

    private static void writeRows(Path file, long rows, long seed, String domain) throws IOException {
        Random random = new Random(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write("\r\n");
            for (long n = 0; n < rows; n++) {
                out.write(row(random, n, domain));
                out.write("\r\n");
            }
        }
    }

    /** @return the number of data rows written */
    static long write(Path file, long targetBytes, long seed) throws IOException {
        Random random = new Random(seed);
        long rows = 0;
        long bytes = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write("\r\n");
            while (bytes < targetBytes) {
                String line = row(random, rows);
                out.write(line);
                out.write("\r\n");
                bytes += line.length() + 2;
                rows++;
            }
        }
        return rows;
    }

    private static String row(Random random, long n) {
        return row(random, n, "@example.com");
    }

    private static String row(Random random, long n, String domain) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String mobile = mobile(random);
        String landline = random.nextInt(10) < 3 ? "" : landline(random);
        String email = random.nextInt(10) < 2 ? "" : (first + "." + last + n + domain).toLowerCase();
        return first + "," + last + "," + mobile + "," + landline + "," + email + ",\"" + (1 + random.nextInt(200))
                + " High Street\",Flat " + random.nextInt(9) + "," + TOWNS[random.nextInt(TOWNS.length)] + ",LS"
                + random.nextInt(30) + " " + random.nextInt(10) + "AB";
    }

    private static String mobile(Random random) {
        int kind = random.nextInt(100);
        if (kind < 3) {
            return "12345";
        }
        if (kind < 5) {
            return "";
        }
        String prefix = MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)];
        String rest = String.valueOf(100000 + random.nextInt(900000));
        if (kind < 8) {
            rest = "345678";
        }
        return switch (random.nextInt(4)) {
            case 0 -> prefix + " " + rest;
            case 1 -> "+44 " + prefix.substring(1) + " " + rest;
            case 2 -> prefix + rest;
            default -> "(" + prefix + ") " + rest.substring(0, 3) + "-" + rest.substring(3);
        };
    }

    private static String landline(Random random) {
        String prefix = LANDLINE_PREFIXES[random.nextInt(LANDLINE_PREFIXES.length)];
        int digitsLeft = 11 - prefix.replace(" ", "").length();
        StringBuilder rest = new StringBuilder();
        for (int i = 0; i < digitsLeft; i++) {
            rest.append(random.nextInt(10));
        }
        return prefix + " " + rest;
    }
}
