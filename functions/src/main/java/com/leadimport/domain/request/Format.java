package com.leadimport.domain.request;

/**
 * Phone number format. The four presets validate with libphonenumber for their country;
 * {@code ADVANCED} applies only its own rules.
 */
public record Format(FormatPreset preset, LeadingZero leadingZero, boolean removeNonDigits,
                     Integer minLength, Integer maxLength, Integer truncateTo) {

    public static Format preset(FormatPreset preset) {
        return new Format(preset, null, false, null, null, null);
    }

    public enum FormatPreset { DEFAULT_UK, INTERNATIONAL_UK, INTERNATIONAL_AUS, INTERNATIONAL_SA, ADVANCED }

    public enum LeadingZero { ADD, REMOVE, KEEP }
}
