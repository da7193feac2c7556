package com.leadimport.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Key values as bytes whose unsigned order is DynamoDB's order (S by UTF-8 bytes, which is code
 * point order; N by value; B bytewise), and self-delimiting, so that a partition key followed by
 * a sort key sorts by the first, then the second, and a key condition on the sort key is one
 * byte range of the storage engine.
 *
 * <p>S and B: the bytes with 0x00 escaped as 0x00 0xFF, ended by 0x00 0x01 (so a value sorts
 * before every longer value it begins). N: a sign byte (negative 0x01, zero 0x02, positive 0x03);
 * for non-zero numbers the decimal exponent E (value = 0.d1d2... x 10^E) as two bytes, then the
 * significant digits, then an end byte; for negative numbers exponent and digits are inverted so
 * that larger magnitudes sort first.
 */
final class KeyCodec {

    /** DynamoDB's numbers: up to 38 significant digits, magnitudes from 1E-130 to below 1E+126. */
    private static final int MAX_DIGITS = 38;
    private static final int MIN_EXPONENT = -129;
    private static final int MAX_EXPONENT = 126;

    private KeyCodec() {
    }

    /** Appends the value (of key type S, N or B, already checked) in key order. */
    static void append(ByteArrayOutputStream out, JsonNode value) {
        String type = Values.type(value);
        String text = Values.content(value).asText();
        switch (type) {
            case "S" -> appendEscaped(out, text.getBytes(StandardCharsets.UTF_8), true);
            case "B" -> appendEscaped(out, Base64.getDecoder().decode(text), true);
            case "N" -> appendNumber(out, number(text));
            default -> throw new IllegalArgumentException("not a key type: " + type);
        }
    }

    /** The bytes every S or B value beginning with {@code prefix} starts with (for begins_with). */
    static byte[] prefix(JsonNode prefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = Values.content(prefix).asText();
        byte[] bytes = prefix.has("S") ? text.getBytes(StandardCharsets.UTF_8) : Base64.getDecoder().decode(text);
        appendEscaped(out, bytes, false);
        return out.toByteArray();
    }

    /** The smallest byte string after every string that starts with {@code prefix}, or null when there is none. */
    static byte[] successor(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] next = Arrays.copyOf(prefix, i + 1);
                next[i]++;
                return next;
            }
        }
        return null;
    }

    /**
     * A number as DynamoDB accepts it, or the service's refusal: at most 38 significant digits,
     * magnitude between 1E-130 and 9.9999999999999999999999999999999999999E+125.
     */
    static BigDecimal number(String text) {
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw DynamoDbException.validation("The parameter cannot be converted to a numeric value: " + text);
        }
        number = number.stripTrailingZeros();
        if (number.signum() == 0) {
            return BigDecimal.ZERO;
        }
        if (number.precision() > MAX_DIGITS) {
            throw DynamoDbException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        int exponent = number.precision() - number.scale();
        if (exponent > MAX_EXPONENT) {
            throw DynamoDbException.validation("Number overflow. Attempting to store a number with magnitude larger than"
                    + " supported range");
        }
        if (exponent < MIN_EXPONENT) {
            throw DynamoDbException.validation("Number underflow. Attempting to store a number with magnitude smaller than"
                    + " supported range");
        }
        return number;
    }

    private static void appendNumber(ByteArrayOutputStream out, BigDecimal number) {
        int sign = number.signum();
        if (sign == 0) {
            out.write(0x02);
            return;
        }
        String digits = number.unscaledValue().abs().toString();
        int exponent = digits.length() - number.scale() + 0x8000;
        int invert = sign < 0 ? 0xFF : 0;
        out.write(sign < 0 ? 0x01 : 0x03);
        out.write(((exponent >> 8) & 0xFF) ^ invert);
        out.write((exponent & 0xFF) ^ invert);
        for (int i = 0; i < digits.length(); i++) {
            out.write((digits.charAt(i) - '0' + 1) ^ invert);
        }
        out.write(sign < 0 ? 0xFF : 0x00);
    }

    private static void appendEscaped(ByteArrayOutputStream out, byte[] bytes, boolean terminate) {
        int from = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                out.write(bytes, from, i + 1 - from);
                out.write(0xFF);
                from = i + 1;
            }
        }
        out.write(bytes, from, bytes.length - from);
        if (terminate) {
            out.write(0x00);
            out.write(0x01);
        }
    }
}
