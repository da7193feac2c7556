package com.leadimport.local.e2e;

import static com.leadimport.local.e2e.Imports.dedupe;
import static com.leadimport.local.e2e.Imports.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.request.ImportRequest;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.local.LocalRuntime;
import com.leadimport.ports.StoredLead;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Three imports whose numbers overlap, started at once into one list (keep existing, the
 * destination list as the dedupe scope), end with exactly the leads of running them one after
 * the other in some order (the order they took the list's lease): each sees the others' leads.
 * Run several times, as a race needs.
 */
class ConcurrentImportsTest {

    /** Each file shares numbers with the others (and has some of its own). */
    private static final List<String> FILES = List.of(
            "Ann,07412 346001,\nBob,07412 346002,\nCy,07412 346003,\nA1,07412 346101,\n",
            "Bob2,07412 346002,\nDi,07412 346004,\nCy2,07412 346003,\nB1,07412 346201,\n",
            "Di2,07412 346004,\nAnn2,07412 346001,\nEd,07412 346005,\nC1,07412 346301,\n");

    private static ImportRequest request(String list) {
        return Imports.request(list, dedupe("LISTS", "KEEP_EXISTING", "\"destinationList\": true"));
    }

    /** The leads after running the three files one by one, in each of the six orders. */
    private static final Map<List<Integer>, Map<String, String>> ONE_BY_ONE = new java.util.HashMap<>();

    @org.junit.jupiter.api.BeforeAll
    static void oneByOneInEveryOrder() {
        for (List<Integer> order : List.of(List.of(0, 1, 2), List.of(0, 2, 1), List.of(1, 0, 2), List.of(1, 2, 0), List.of(2, 0, 1),
                List.of(2, 1, 0))) {
            try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(null).withChunkRows(2))) {
                for (int i : order) {
                    runtime.importFile("leads.csv", (Imports.HEADER + FILES.get(i)).getBytes(StandardCharsets.UTF_8),
                            request("Shared"), "test");
                }
                ONE_BY_ONE.put(order, phonesToNames(Imports.leads(runtime, "Shared")));
            }
        }
    }

    @RepeatedTest(3)
    void threeImportsAtOnceGetTheLeadsOfRunningThemOneByOne() throws Exception {
        List<ImportRecord> records = new ArrayList<>();
        Map<String, String> concurrent;
        // waits between lease attempts shortened a hundredfold: the same definition, less idle time
        LocalRuntime.Settings settings = LocalRuntime.Settings.defaults(null).withChunkRows(2).withThreads(3)
                .withSleeper(millis -> Thread.sleep(Math.max(1, millis / 100)));
        try (LocalRuntime runtime = LocalRuntime.start(settings)) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<ImportRecord>> running = new ArrayList<>();
            for (String file : FILES) {
                running.add(pool.submit(() -> runtime.importFile("leads.csv", (Imports.HEADER + file).getBytes(StandardCharsets.UTF_8),
                        request("Shared"), "test")));
            }
            for (Future<ImportRecord> future : running) {
                records.add(future.get());
            }
            pool.shutdown();
            concurrent = phonesToNames(Imports.leads(runtime, "Shared"));
            assertThat(runtime.stores().leases().held(java.time.Instant.now())).as("every lease let go").isEmpty();
        }
        assertThat(records).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(ImportStatus.COMPLETED);
            assertThat(r.imported() + r.rejected()).isEqualTo(r.totalRows());
        });

        assertThat(ONE_BY_ONE.values()).as("the order matters for this data, so the check has teeth").hasSizeGreaterThan(1);
        assertThat(ONE_BY_ONE.values()).as("the leads of one of the orders one by one").contains(concurrent);
        assertThat(concurrent).hasSize(8); // five shared numbers, three of their own: each number once
    }

    private static Map<String, String> phonesToNames(List<StoredLead> leads) {
        Map<String, String> byPhone = new TreeMap<>();
        for (StoredLead lead : leads) {
            lead.lead().phones().values().forEach(phone -> assertThat(byPhone.put(phone.e164(), lead.lead().fields()
                    .get(com.leadimport.domain.request.LeadField.FIRST_NAME))).as("no number twice").isNull());
        }
        return byPhone;
    }
}
