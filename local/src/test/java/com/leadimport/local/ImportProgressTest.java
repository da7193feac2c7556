package com.leadimport.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportProgressTest {

    private static ImportRecord running(Integer chunks, int screened, int written, Long rows) {
        return new ImportRecord("imp1", ImportStatus.RUNNING, null, "b", "k", "leads.csv", Instant.EPOCH, "cli",
                LocalDate.of(2026, 12, 4), null, chunks, screened, written, rows, null, null, null, Map.of(), null, null, null,
                false, "run-1");
    }

    @Test
    void readingTheFileBeforeItsRowsAreKnown() {
        assertThat(ImportProgress.line(running(null, 0, 0, null), Duration.ofSeconds(3))).isEqualTo("leads.csv: reading the file (3 s)");
    }

    @Test
    void rowsScreenedAndWrittenWithARateAndTheTimeLeft() {
        // 60 chunks of 300,000 rows: 36 screened, 12 written = 40% done after 20 s
        assertThat(ImportProgress.line(running(60, 36, 12, 300_000L), Duration.ofSeconds(20))).isEqualTo(
                "leads.csv: 40% of 300,000 rows (screened 180,000, written 60,000), 6,000 rows/s, about 30 s left");
        assertThat(ImportProgress.line(running(60, 60, 6, 300_000L), Duration.ofMinutes(10))).as("55% in 10 min: 491 s more")
                .endsWith("275 rows/s, about 8 min left");
        assertThat(ImportProgress.line(running(60, 0, 0, 300_000L), Duration.ofSeconds(1))).doesNotContain("left");
    }
}
