package com.leadimport.domain.request;

import java.util.Optional;

/**
 * How long names and texts may be, checked where input arrives (a request, an API body) so
 * nothing reaches DynamoDB that it would refuse. A list name is part of lead and dedupe keys
 * (a sort key holds at most 1,024 bytes, a partition key 2,048) and every name is stored in an
 * item of at most 400 KB with the request: names are kept to 128 characters (512 bytes of
 * UTF-8 at most), texts to a few thousand. Names refuse control characters: U+001F separates
 * the parts of a dedupe key, and a name holding it could pose as another list.
 */
public final class Limits {

    /** List, supplier, settings, mapping, DNC category, contact table and field names. */
    public static final int NAME = 128;
    /** A file header a mapping names, and a file name. */
    public static final int HEADER = 255;
    /** The call info template. */
    public static final int TEMPLATE = 4_000;
    /** A default value or a separator. */
    public static final int VALUE = 1_000;
    /** A whole request as JSON (the import's record stores it; DynamoDB items hold 400 KB). */
    public static final int REQUEST_BYTES = 100_000;

    private Limits() {
    }

    /** What is wrong with a name, or nothing: at most {@link #NAME} characters and no control characters. */
    public static Optional<String> nameProblem(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return textProblem(name, NAME).or(() -> controlCharacter(name));
    }

    /** What is wrong with a text, or nothing: at most {@code max} characters. */
    public static Optional<String> textProblem(String text, int max) {
        if (text != null && text.length() > max) {
            return Optional.of("is " + String.format("%,d", text.length()) + " characters long; at most "
                    + String.format("%,d", max) + " are allowed");
        }
        return Optional.empty();
    }

    /** The first control character (U+0000-U+001F, U+007F-U+009F) in the text, named, or nothing. */
    public static Optional<String> controlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of("contains a control character (U+%04X) at character %d; names cannot hold tabs, line breaks or other control characters"
                        .formatted((int) c, i + 1));
            }
        }
        return Optional.empty();
    }
}
