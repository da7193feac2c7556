package com.leadimport.domain.request;

import com.fasterxml.jackson.annotation.JsonValue;

/** The fixed fields of the lead table; JSON names as in CONTRACT.md. */
public enum LeadField {
    TITLE("title"), FIRST_NAME("firstName"), LAST_NAME("lastName"), COMPANY("company"),
    PHONE1("phone1"), PHONE2("phone2"), PHONE3("phone3"), EMAIL("email"),
    ADDRESS1("address1"), ADDRESS2("address2"), ADDRESS3("address3"), TOWN("town"), COUNTY("county"),
    POSTCODE("postcode"), COUNTRY("country"), REFERENCE("reference"), DATE_OF_BIRTH("dateOfBirth"),
    SKILL_GROUP("skillGroup"), NOTES("notes");

    public static final java.util.List<LeadField> PHONES = java.util.List.of(PHONE1, PHONE2, PHONE3);

    private final String jsonName;

    LeadField(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    public boolean isPhone() {
        return PHONES.contains(this);
    }
}
