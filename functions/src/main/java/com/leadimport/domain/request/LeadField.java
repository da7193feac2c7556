package com.leadimport.domain.request;

import com.fasterxml.jackson.annotation.JsonValue;

/** The fixed fields of the lead table; JSON names as in CONTRACT.md. */
public enum LeadField {
    TITLE("title", "Title"), FIRST_NAME("firstName", "First name"), LAST_NAME("lastName", "Last name"),
    COMPANY("company", "Company"), PHONE1("phone1", "Phone 1"), PHONE2("phone2", "Phone 2"), PHONE3("phone3", "Phone 3"),
    EMAIL("email", "Email"), ADDRESS1("address1", "Address 1"), ADDRESS2("address2", "Address 2"),
    ADDRESS3("address3", "Address 3"), TOWN("town", "Town"), COUNTY("county", "County"), POSTCODE("postcode", "Postcode"),
    COUNTRY("country", "Country"), REFERENCE("reference", "Reference"), DATE_OF_BIRTH("dateOfBirth", "Date of birth"),
    SKILL_GROUP("skillGroup", "Skill group"), NOTES("notes", "Notes");

    public static final java.util.List<LeadField> PHONES = java.util.List.of(PHONE1, PHONE2, PHONE3);

    private final String jsonName;
    private final String label;

    LeadField(String jsonName, String label) {
        this.jsonName = jsonName;
        this.label = label;
    }

    /** The field's name as the Lead Mapping stage shows it. */
    public String label() {
        return label;
    }

    /** The field with this JSON name, or null. */
    public static LeadField byJsonName(String name) {
        for (LeadField field : values()) {
            if (field.jsonName.equals(name)) {
                return field;
            }
        }
        return null;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    public boolean isPhone() {
        return PHONES.contains(this);
    }
}
