package com.leadimport.local;

import com.leadimport.imports.ImportRecord;
import com.leadimport.ports.ImportStore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows the command line's running import on standard error: on a terminal, one line redrawn
 * twice a second; otherwise (a log, a pipe) a line every five seconds. Read from the import's
 * record, where the workflow counts chunks screened and written.
 */
final class ImportProgress implements AutoCloseable {

    private final ImportStore imports;
    private final PrintStream err;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "import-progress");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean drawn;

    ImportProgress(ImportStore imports, PrintStream err, boolean terminal) {
        this.imports = imports;
        this.err = err;
        this.terminal = terminal;
        long period = terminal ? 500 : 5_000;
        timer.scheduleAtFixedRate(this::show, period, period, TimeUnit.MILLISECONDS);
    }

    private void show() {
        try {
            for (String importId : imports.active()) {
                imports.find(importId).ifPresent(record -> {
                    String line = line(record, Duration.ofNanos(System.nanoTime() - startNanos));
                    if (terminal) {
                        err.print("\r" + line + "\u001b[K");
                        drawn = true;
                    } else {
                        err.println(line);
                    }
                });
            }
        } catch (RuntimeException e) {
            // progress is a courtesy: a store hiccup must not stop the import
        }
    }

    /** One progress line, e.g. {@code leads.csv: 40% of 300,000 rows (screened 180,000, written 60,000), 5,200 rows/s, about 35 s left}. */
    static String line(ImportRecord record, Duration elapsed) {
        if (record.chunksTotal() == null || record.totalRows() == null) {
            return record.fileName() + ": reading the file (" + elapsed.toSeconds() + " s)";
        }
        long total = record.totalRows();
        int chunks = Math.max(1, record.chunksTotal());
        long screened = total * record.chunksScreened() / chunks;
        long written = total * record.chunksWritten() / chunks;
        double done = (screened + written) / (2.0 * Math.max(1, total));
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d%% of %,d rows (screened %,d, written %,d), %,d rows/s", record.fileName(), Math.round(done * 100), total,
                screened, written, Math.round(done * total / seconds)));
        if (done > 0.02) {
            line.append(String.format(Locale.ROOT, ", about %s left", humane(Math.round(seconds * (1 - done) / done))));
        }
        return line.toString();
    }

    private static String humane(long seconds) {
        return seconds < 90 ? seconds + " s" : (seconds + 30) / 60 + " min";
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (drawn) {
            err.print("\r\u001b[K");
        }
    }
}
