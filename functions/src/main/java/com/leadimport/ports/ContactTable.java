package com.leadimport.ports;

import com.leadimport.domain.request.FieldType;
import java.util.List;
import java.util.Optional;

/** A contact data table for secondary/script mapping, with its typed fields. */
public record ContactTable(String name, List<Field> fields) {

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public record Field(String name, String description, FieldType type, String defaultValue) {
    }
}
