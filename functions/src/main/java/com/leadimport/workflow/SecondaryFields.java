package com.leadimport.workflow;

import com.leadimport.domain.request.FieldType;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.Problem;
import com.leadimport.domain.request.RequestRefusedException;
import com.leadimport.domain.request.Secondary;
import com.leadimport.domain.request.SecondaryFieldMapping;
import com.leadimport.ports.CatalogStore;
import com.leadimport.ports.ContactTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves secondary mapping against the contact data tables: a field the table has takes
 * its type and default from the table; a field it lacks is created from the request (the
 * wizard's Create field); a table that does not exist is created (Create table).
 */
final class SecondaryFields {


    private SecondaryFields() {
    }

    /** The request with every secondary field typed, and the table to save once the request is accepted. */
    record Resolution(ImportRequest request, Optional<ContactTable> tableToSave) {
    }

    static Resolution resolve(ImportRequest request, CatalogStore catalog) {
        Secondary secondary = request.secondary();
        if (secondary == null || secondary.fields() == null || secondary.fields().isEmpty() || secondary.table() == null
                || secondary.table().isBlank()) {
            return new Resolution(request, Optional.empty());
        }
        Optional<ContactTable> existing = catalog.contactTable(secondary.table());
        List<ContactTable.Field> tableFields = new ArrayList<>(existing.map(ContactTable::fields).orElse(List.of()));
        Map<String, SecondaryFieldMapping> resolved = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        boolean added = false;
        for (Map.Entry<String, SecondaryFieldMapping> entry : secondary.fields().entrySet()) {
            String name = entry.getKey();
            SecondaryFieldMapping mapping = entry.getValue();
            Optional<ContactTable.Field> field = tableFields.stream().filter(f -> f.name().equals(name)).findFirst();
            if (field.isPresent()) {
                FieldType type = field.get().type();
                if (mapping.type() != null && mapping.type() != type) {
                    problems.add(Problem.of("secondary.fields." + name + ".type", "the data type " + mapping.type().words()
                            + " does not match the table's " + type.words() + " for this field"));
                }
                String defaultValue = mapping.defaultValue() != null ? mapping.defaultValue() : field.get().defaultValue();
                resolved.put(name, new SecondaryFieldMapping(mapping.headers(), mapping.separator(), type, defaultValue,
                        field.get().description()));
            } else {
                if (mapping.type() != null) {
                    tableFields.add(new ContactTable.Field(name, mapping.description(), mapping.type(), mapping.defaultValue()));
                    added = true;
                }
                resolved.put(name, mapping);
            }
        }
        if (!problems.isEmpty()) {
            throw new RequestRefusedException(problems);
        }
        Optional<ContactTable> toSave = added || existing.isEmpty()
                ? Optional.of(new ContactTable(secondary.table(), List.copyOf(tableFields)))
                : Optional.empty();
        return new Resolution(new ImportRequest(request.details(), request.settings(), request.mapping(),
                request.callInfo(), new Secondary(secondary.table(), resolved)), toSave);
    }
}
