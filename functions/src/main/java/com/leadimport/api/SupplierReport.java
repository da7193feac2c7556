package com.leadimport.api;

import static com.leadimport.api.JsonBodies.ok;

import com.leadimport.domain.row.Reason;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.ports.ImportStore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Supplier Summary, over every completed import in history: per supplier, imports, rows,
 * imported, rejected by reason (codes, and in words), cost = cost per lead x imported.
 */
final class SupplierReport {

    private final ImportStore imports;

    SupplierReport(ImportStore imports) {
        this.imports = imports;
    }

    ApiResponse summary() {
        Map<String, Totals> bySupplier = new TreeMap<>();
        imports.forEachInHistory(record -> {
            if (record.request() != null && record.status() == ImportStatus.COMPLETED) {
                bySupplier.computeIfAbsent(record.request().details().supplier(), s -> new Totals()).add(record);
            }
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        bySupplier.forEach((supplier, totals) -> rows.add(totals.row(supplier)));
        return ok(rows);
    }

    /** One supplier's figures so far. */
    private static final class Totals {

        private long imports;
        private long rows;
        private long imported;
        private final Map<Reason, Long> rejectedByReason = new EnumMap<>(Reason.class);
        private BigDecimal cost = BigDecimal.ZERO;

        void add(ImportRecord record) {
            long leads = record.imported() == null ? 0 : record.imported(); // a completed import has its counts; never a 500 if not
            imports++;
            rows += record.totalRows() == null ? 0 : record.totalRows();
            imported += leads;
            record.rejectedByReason().forEach((reason, count) -> rejectedByReason.merge(reason, count, Long::sum));
            BigDecimal costPerLead = record.request().details().costPerLead();
            if (costPerLead != null) {
                cost = cost.add(costPerLead.multiply(BigDecimal.valueOf(leads)));
            }
        }

        Map<String, Object> row(String supplier) {
            Map<String, Long> byCode = new TreeMap<>();
            rejectedByReason.forEach((reason, count) -> byCode.put(reason.name(), count));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("supplier", supplier);
            row.put("imports", imports);
            row.put("rows", rows);
            row.put("imported", imported);
            row.put("rejectedByReason", byCode);
            row.put("cost", cost);
            row.put("rejectedReasons", ImportView.inWords(rejectedByReason));
            return row;
        }
    }
}
