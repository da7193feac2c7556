package com.leadimport.local.e2e;

import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.ImportRequests;
import com.leadimport.imports.ImportRecord;
import com.leadimport.local.LocalRuntime;
import com.leadimport.ports.StoredLead;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: requests for a Name,Phone,Email file, and the leads a list holds. */
final class Imports {

    static final String HEADER = "Name,Phone,Email\n";

    private Imports() {
    }

    /** A request for the list; {@code settings} is spliced into the settings object (JSON, no braces). */
    static ImportRequest request(String list, String settings) {
        String json = """
                { "details": { "list": "%s", "supplier": "Acme", "costPerLead": 0.10, "adHoc": true },
                  "settings": { "format": { "preset": "DEFAULT_UK" }, "validateEmails": true %s },
                  "mapping": { "fields": { "firstName": { "headers": ["Name"] }, "phone1": { "headers": ["Phone"] },
                                           "email": { "headers": ["Email"] } } } }
                """.formatted(list, settings.isBlank() ? "" : ", " + settings);
        return ImportRequests.parse(json);
    }

    static ImportRecord run(LocalRuntime runtime, String list, String settings, String rows) {
        return runtime.importFile("leads.csv", (HEADER + rows).getBytes(StandardCharsets.UTF_8), request(list, settings), "test");
    }

    static List<StoredLead> leads(LocalRuntime runtime, String list) {
        List<StoredLead> leads = new ArrayList<>();
        runtime.stores().leads().forEachLead(list, leads::add);
        return leads;
    }

    static List<String> names(LocalRuntime runtime, String list) {
        return leads(runtime, list).stream().map(l -> l.lead().fields().get(com.leadimport.domain.request.LeadField.FIRST_NAME))
                .sorted().toList();
    }

    static String dedupe(String scope, String action, String extra) {
        return "\"dedupe\": { \"enabled\": true, \"on\": \"BOTH\", \"scope\": \"" + scope + "\", \"action\": \"" + action + "\""
                + (extra.isEmpty() ? "" : ", " + extra) + " }";
    }
}
