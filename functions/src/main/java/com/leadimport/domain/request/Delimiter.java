package com.leadimport.domain.request;

import java.util.Locale;

/**
 * The character between a file's cells, when the request names one ({@code settings.delimiter});
 * without it the delimiter is detected from the header line.
 */
public enum Delimiter {
    COMMA(','), SEMICOLON(';'), TAB('\t'), PIPE('|');

    private final char character;

    Delimiter(char character) {
        this.character = character;
    }

    public char character() {
        return character;
    }

    /** As a person reads it: "comma", "semicolon", "tab", "pipe". */
    public String words() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Delimiter of(char character) {
        for (Delimiter delimiter : values()) {
            if (delimiter.character == character) {
                return delimiter;
            }
        }
        throw new IllegalArgumentException("not a delimiter: " + character);
    }
}
