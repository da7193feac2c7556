package com.leadimport.local;

import com.leadimport.local.dynamodb.DynamoDbEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Where the local runtime's DynamoDB is: the one seam between the runtime and its store. The
 * setting ({@code -Dleadimport.dynamodb=} or {@code LEAD_IMPORT_DYNAMODB}) is one of
 * <ul>
 * <li>{@code embedded} (the default): our DynamoDB-compatible server in this JVM, on RocksDB
 * under {@code DIR/dynamodb};</li>
 * <li>{@code dynalite}: dynalite (npm, an independent open-source DynamoDB implementation, on
 * LevelDB under {@code DIR/dynalite}) in a node process, the second opinion the tests run
 * against ({@code local/dynalite}, installed by {@code npm ci --prefix local/dynalite});</li>
 * <li>an {@code http://} URL: a DynamoDB already running elsewhere (the e2e benchmark's own process).</li>
 * </ul>
 */
public interface LocalDynamoDb extends AutoCloseable {

    String SETTING = "leadimport.dynamodb";

    URI endpoint();

    @Override
    void close();

    /** The setting in force: the system property, else the environment variable, else embedded. */
    static String configured() {
        String value = System.getProperty(SETTING);
        if (value == null || value.isBlank()) {
            value = System.getenv("LEAD_IMPORT_DYNAMODB");
        }
        return value == null || value.isBlank() ? "embedded" : value.trim();
    }

    /** Starts (or points at) the DynamoDB the setting names; {@code dataDir} null keeps the data only while it runs. */
    static LocalDynamoDb start(String setting, Path dataDir) {
        return start(setting, dataDir, Faults.NONE);
    }

    /** The same, with the embedded server injecting {@code faults.dynamoDb()} (only it can). */
    static LocalDynamoDb start(String setting, Path dataDir, Faults faults) {
        String choice = setting.toLowerCase(Locale.ROOT);
        if (faults.dynamoDb() > 0 && !choice.equals("embedded")) {
            throw new IllegalArgumentException("LEAD_IMPORT_FAULTS: only the embedded DynamoDB injects faults, not '"
                    + setting + "'");
        }
        if (choice.equals("embedded")) {
            DynamoDbEmulator server = DynamoDbEmulator.start(dataDir == null ? null : dataDir.resolve("dynamodb"));
            server.injectFaults(faults);
            return new LocalDynamoDb() {
                public URI endpoint() {
                    return server.endpoint();
                }

                public void close() {
                    server.close();
                }
            };
        }
        if (choice.equals("dynalite")) {
            return Dynalite.start(dataDir == null ? null : dataDir.resolve("dynalite"));
        }
        if (choice.startsWith("http://") || choice.startsWith("https://")) {
            URI endpoint = URI.create(setting);
            return new LocalDynamoDb() {
                public URI endpoint() {
                    return endpoint;
                }

                public void close() {
                    // not ours to stop
                }
            };
        }
        throw new IllegalArgumentException(SETTING + " (or LEAD_IMPORT_DYNAMODB) must be embedded, dynalite or an http:// URL,"
                + " not '" + setting + "'");
    }

    /** dynalite 4.0.0 in a node process of its own, on loopback. */
    final class Dynalite implements LocalDynamoDb {

        /** Where {@code npm ci --prefix local/dynalite} puts it, unless {@code -Dleadimport.dynalite=PATH/cli.js} says otherwise. */
        static Path cli() {
            String configured = System.getProperty("leadimport.dynalite");
            if (configured != null && !configured.isBlank()) {
                return Path.of(configured);
            }
            for (Path base : new Path[] {Path.of("local", "dynalite"), Path.of("dynalite")}) {
                Path cli = base.resolve("node_modules/dynalite/cli.js");
                if (Files.isRegularFile(cli)) {
                    return cli;
                }
            }
            return Path.of("local", "dynalite", "node_modules", "dynalite", "cli.js");
        }

        /** Why dynalite cannot run here, or null when it can. */
        public static String unavailable() {
            if (!Files.isRegularFile(cli())) {
                return "dynalite is not installed at " + cli().toAbsolutePath() + " (npm ci --prefix local/dynalite)";
            }
            try {
                Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
                node.getInputStream().readAllBytes();
                return node.waitFor() == 0 ? null : "node --version failed";
            } catch (IOException e) {
                return "node is not on the PATH";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        private final Process process;
        private final URI endpoint;
        private final Path temporary;

        private Dynalite(Process process, URI endpoint, Path temporary) {
            this.process = process;
            this.endpoint = endpoint;
            this.temporary = temporary;
        }

        static Dynalite start(Path dataDir) {
            String why = unavailable();
            if (why != null) {
                throw new IllegalStateException("cannot start dynalite: " + why);
            }
            try {
                Path temporary = dataDir == null ? Files.createTempDirectory("lead-import-dynalite") : null;
                Path path = dataDir == null ? temporary : dataDir;
                Files.createDirectories(path);
                int port;
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                Process process = new ProcessBuilder("node", cli().toString(), "--host", "127.0.0.1", "--port",
                        Integer.toString(port), "--path", path.toString(), "--createTableMs", "0")
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                if (line == null || !line.startsWith("Dynalite listening")) {
                    process.destroyForcibly();
                    throw new IllegalStateException("dynalite did not start: " + line);
                }
                return new Dynalite(process, URI.create("http://127.0.0.1:" + port), temporary);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start dynalite", e);
            }
        }

        @Override
        public URI endpoint() {
            return endpoint;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (temporary != null) {
                try (var paths = Files.walk(temporary)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
                } catch (IOException e) {
                    // a temporary folder left behind is harmless
                }
            }
        }
    }
}
