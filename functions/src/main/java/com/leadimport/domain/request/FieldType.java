package com.leadimport.domain.request;

/** The data types of a contact data table field, as the guide lists them. */
public enum FieldType {
    TEXT("Text input"), WHOLE_NUMBER("Whole number"), DECIMAL("Decimal number"), DATE("Date only (dd/mm/yyyy)"),
    TIME("Time only (hh:mm)"), DATE_TIME("Date and time (dd/mm/yyyy hh:mm:ss)"), BOOLEAN("True or false"),
    PHONE("Phone number");

    private final String words;

    FieldType(String words) {
        this.words = words;
    }

    /** As the guide names it: "Whole number", "Date only (dd/mm/yyyy)". */
    public String words() {
        return words;
    }
}
