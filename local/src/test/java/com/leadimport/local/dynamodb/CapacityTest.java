package com.leadimport.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapacityTest {

    @Test
    void aHotKeySurvivesAMillionKeysWrittenOnceAndIsReportedWithEveryUnit() {
        Capacity capacity = new Capacity();
        capacity.countKeys();
        for (int n = 0; n < 1_000_000; n++) {
            capacity.record(new Capacity.Consumed("Keys"), null, "P#" + n, 0, 1);
            if (n % 1_000 == 0) {
                capacity.record(new Capacity.Consumed("Keys"), null, "hot", 0.5, 2);
            }
        }
        Capacity.PartReport keys = capacity.report().get(0);
        assertThat(keys.name()).isEqualTo("Keys");
        assertThat(keys.writeUnits()).isEqualTo(1_000_000 + 2 * 1_000);
        assertThat(keys.readUnits()).isEqualTo(500);
        assertThat(keys.hottestWriteKey()).isEqualTo("hot");
        assertThat(keys.hottestWriteUnits()).isEqualTo(2_000);
        assertThat(keys.hottestReadKey()).isEqualTo("hot");
        assertThat(keys.hottestReadUnits()).isEqualTo(500);
    }

    @Test
    void pruningKeepsExactlyTheHeavierHalfAndBreaksTiesAtTheCut() {
        Map<String, double[]> keys = new LinkedHashMap<>();
        for (int n = 0; n < 10; n++) {
            // totals 1, 1, 1, 1, 1, 1, 2, 3, 4, 5 (read and write units both count)
            keys.put("k" + n, n < 6 ? new double[] {0.5, 0.5} : new double[] {0, n - 4});
        }
        Capacity.keepHeavierHalf(keys);
        assertThat(keys).containsOnlyKeys("k5", "k6", "k7", "k8", "k9");

        Map<String, double[]> allAlike = new LinkedHashMap<>();
        for (int n = 0; n < 7; n++) {
            allAlike.put("k" + n, new double[] {0, 1});
        }
        Capacity.keepHeavierHalf(allAlike);
        assertThat(allAlike).containsOnlyKeys("k3", "k4", "k5", "k6");
    }

    @Test
    void tablesAndIndexesAreCountedApart() {
        Capacity capacity = new Capacity();
        capacity.countKeys();
        Capacity.Consumed consumed = new Capacity.Consumed("Imports");
        capacity.record(consumed, null, "i-1", 0, 1);
        capacity.record(consumed, "ByCreated", "2026-12", 0, 1);
        capacity.record(consumed, "ByCreated", "2026-12", 0, 1);
        assertThat(consumed.total()).isEqualTo(3);
        assertThat(capacity.report()).extracting(Capacity.PartReport::name, Capacity.PartReport::writeUnits,
                        Capacity.PartReport::hottestWriteKey)
                .containsExactly(tuple("Imports", 1.0, "i-1"),
                        tuple("Imports.ByCreated", 2.0, "2026-12"));
    }

    @Test
    void keysAreCountedOnlyOnceAsked() {
        Capacity capacity = new Capacity();
        capacity.record(new Capacity.Consumed("Leads"), null, "Bench\u001f07", 0, 2);
        assertThat(capacity.report()).singleElement().satisfies(leads -> {
            assertThat(leads.writeUnits()).isEqualTo(2);
            assertThat(leads.hottestWriteKey()).isNull();
            assertThat(leads.hottestWriteUnits()).isZero();
        });
        capacity.countKeys();
        capacity.record(new Capacity.Consumed("Leads"), null, "Bench\u001f07", 0, 1);
        assertThat(capacity.report()).singleElement().satisfies(leads -> {
            assertThat(leads.writeUnits()).isEqualTo(3);
            assertThat(leads.hottestWriteKey()).isEqualTo("Bench\u001f07");
            assertThat(leads.hottestWriteUnits()).isEqualTo(1);
        });
    }
}
