package com.leadimport.domain.row;

import com.leadimport.domain.csv.HeaderNames;
import com.leadimport.domain.request.FieldMapping;
import java.util.List;

/**
 * Combines one or more CSV columns into one value: parts are trimmed, empty parts skipped,
 * and the rest joined with the separator (directly when there is none), so no separator
 * dangles. Resolved to column indexes once per import.
 */
public final class LeadFieldMapper {

    private final int[] columns;
    private final String separator;

    public LeadFieldMapper(FieldMapping mapping, List<String> headers) {
        this.columns = mapping.headers().stream().mapToInt(h -> {
            int i = HeaderNames.indexOf(headers, h);
            if (i < 0) {
                throw new IllegalArgumentException("'" + h + "' is not a header of the file");
            }
            return i;
        }).toArray();
        this.separator = mapping.separator() == null ? "" : mapping.separator();
    }

    /** @return the combined value, or null when every part is empty */
    public String value(List<String> cells) {
        if (columns.length == 1) {
            String v = cells.get(columns[0]).strip();
            return v.isEmpty() ? null : v;
        }
        StringBuilder out = null;
        for (int column : columns) {
            String part = cells.get(column).strip();
            if (part.isEmpty()) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(part);
            } else {
                out.append(separator).append(part);
            }
        }
        return out == null ? null : out.toString();
    }
}
