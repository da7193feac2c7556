package com.leadimport.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadimport.domain.phone.DncNumbers;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.domain.request.ImportRequests;
import com.leadimport.domain.request.Limits;
import com.leadimport.domain.request.RequestRefusedException;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.local.dynamodb.DataDirInUseException;
import com.leadimport.logging.Log;
import com.leadimport.ports.DncStore;
import com.leadimport.ports.StoredLead;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar local/target/lead-import-local.jar COMMAND ... [--data DIR]}: the product on
 * one machine (CONTRACT.md, "Local command line"). Exit status: 0 completed, 2 the file or
 * request was refused, 1 anything else.
 */
public final class Cli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int REFUSED = 2;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final PrintStream out;
    private final PrintStream err;
    private final LocalRuntime.Settings settings;

    Cli(PrintStream out, LocalRuntime.Settings settings) {
        this(out, System.err, settings);
    }

    Cli(PrintStream out, PrintStream err, LocalRuntime.Settings settings) {
        this.out = out;
        this.err = err;
        this.settings = settings;
    }

    /** Runs one command and exits with its status whatever happens: no thread left running keeps the JVM alive. */
    public static void main(String[] args) {
        int status = FAILED;
        try {
            List<String> arguments = new ArrayList<>(Arrays.asList(args));
            Path data = Path.of(option(arguments, "--data").orElse(".lead-import"));
            status = new Cli(System.out, LocalRuntime.Settings.defaults(data)).run(arguments);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            status = REFUSED;
        } catch (DataDirInUseException e) {
            System.err.println("lead-import: " + e.getMessage());
            status = FAILED;
        } catch (Throwable e) {
            // not an expected refusal: the details go to the log, the person gets a sentence and the id to find them
            String id = Log.fault("command failed", e);
            System.err.println("lead-import: the command failed: " + e.getMessage() + " (ref " + id + "; details in the log,"
                    + " DIR/logs/lead-import.log)");
            status = FAILED;
        } finally {
            System.out.flush();
            // the embedded servers leave non-daemon threads behind
            System.exit(status);
        }
    }

    static final String USAGE = """
            usage: java -jar lead-import-local.jar COMMAND ... [--data DIR]
              import FILE --request REQUEST.json   import a CSV through the workflow, print the summary
              leads --list NAME                    the list's leads, one JSON object a line
              dnc create CATEGORY                  create a DNC category
              dnc add CATEGORY NUMBER...           add numbers to a DNC category (names ignore case)
              dnc import CATEGORY FILE             add a TPS-style file, one number a line
              skill-groups [add NAME]              the system's skill groups (Default Skill Group), or add one
              purge [--date yyyy-MM-dd]            the midnight expiry purge as of that date
              serve [--port 8080]                  the wizard API on 127.0.0.1, the drop folder DIR/drop/<supplier>/,
                    [--no-skill-routing]           the purge at midnight (Europe/London); --no-skill-routing: a
                                                   dialler without Outbound Skill-Based Routing (no Default Skill Group)
              help [COMMAND], --help               this usage, or one command's""";

    int run(List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("no command given");
        }
        String command = args.remove(0);
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            out.println(args.isEmpty() ? USAGE : help(args.get(0)));
            return OK;
        }
        return switch (command) {
            case "import" -> importFile(args);
            case "leads" -> leads(args);
            case "dnc" -> dnc(args);
            case "skill-groups" -> skillGroups(args);
            case "purge" -> purge(args);
            case "serve" -> serve(args);
            default -> throw new UsageException("unknown command '" + command + "'");
        };
    }

    /** The usage lines of one command, or the whole usage when there is no such command. */
    static String help(String command) {
        StringBuilder lines = new StringBuilder("usage: java -jar lead-import-local.jar COMMAND ... [--data DIR]\n");
        boolean found = false;
        boolean within = false;
        for (String line : USAGE.lines().skip(1).toList()) {
            boolean starts = !line.startsWith("      ");
            within = starts ? line.strip().startsWith(command + " ") || line.strip().equals(command) : within;
            if (within) {
                lines.append(line).append('\n');
                found = true;
            }
        }
        return found ? lines.toString().stripTrailing() : "no command '" + command + "'\n" + USAGE;
    }

    private int importFile(List<String> args) {
        Optional<String> requestFile = option(args, "--request");
        if (args.size() != 1 || requestFile.isEmpty()) {
            throw new UsageException("import needs FILE and --request REQUEST.json");
        }
        Path file = Path.of(args.get(0));
        ImportRequest request;
        try {
            request = ImportRequests.parse(Files.readString(Path.of(requestFile.get())));
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString());
            }
        } catch (RequestRefusedException e) {
            // one line a problem for the person, with the field's path in their request file
            e.problems().forEach(p -> err.println(p.text() + (p.field() == null ? "" : " [" + p.field() + "]")));
            return printRefusal(e.getMessage());
        } catch (NoSuchFileException e) {
            return printRefusal("no such file: " + e.getFile());
        } catch (IOException e) {
            return printRefusal("cannot read " + e.getMessage());
        }
        try (LocalRuntime runtime = LocalRuntime.start(settings)) {
            ImportRecord record;
            try (ImportProgress progress = new ImportProgress(runtime.stores().imports(), err, System.console() != null)) {
                record = runtime.importFile(file, request, "cli");
            }
            ObjectNode summary = summary(record);
            if (record.rejectedRowsKey() != null) {
                Path rejected = settings.dataDir().resolve("rejected").resolve(record.importId() + ".csv");
                Files.createDirectories(rejected.getParent());
                try (InputStream in = runtime.files().open(runtime.tables().workBucket(), record.rejectedRowsKey())) {
                    Files.write(rejected, in.readAllBytes());
                }
                summary.put("rejectedRowsFile", rejected.toAbsolutePath().toString());
            }
            print(summary);
            record.rejectedByReason().forEach((reason, count) -> err.printf(java.util.Locale.ROOT, "%,d rows rejected: %s%n", count,
                    reason.words()));
            return record.status() == ImportStatus.COMPLETED ? OK : record.status() == ImportStatus.REFUSED ? REFUSED : FAILED;
        } catch (IOException e) {
            return printFailure(e.toString());
        }
    }

    static ObjectNode summary(ImportRecord record) {
        ObjectNode summary = JSON.createObjectNode();
        summary.put("importId", record.importId());
        summary.put("status", record.status().name());
        summary.put("totalRows", record.totalRows() == null ? 0 : record.totalRows());
        summary.put("blankRows", record.blankRows() == null ? 0 : record.blankRows());
        summary.put("imported", record.imported() == null ? 0 : record.imported());
        summary.put("rejected", record.rejected() == null ? 0 : record.rejected());
        ObjectNode byReason = summary.putObject("rejectedByReason");
        record.rejectedByReason().forEach((reason, count) -> byReason.put(reason.name(), count));
        summary.put("replacedExisting", record.replacedExisting() == null ? 0 : record.replacedExisting());
        summary.putNull("rejectedRowsFile");
        summary.put("list", record.list());
        if (record.expiresOn() != null) {
            summary.put("expiresOn", record.expiresOn().toString());
        }
        if (record.error() != null && !record.error().isEmpty()) {
            summary.put("error", record.error());
        }
        return summary;
    }

    private int leads(List<String> args) {
        Optional<String> list = option(args, "--list");
        if (list.isEmpty() || !args.isEmpty()) {
            throw new UsageException("leads needs --list NAME");
        }
        try (LocalRuntime runtime = LocalRuntime.start(settings)) {
            List<String> lists = runtime.stores().catalog().lists();
            if (!lists.contains(list.get())) {
                return printRefusal("there is no list '" + list.get() + "'; the lists are "
                        + (lists.isEmpty() ? "none yet" : String.join(", ", lists)));
            }
            runtime.stores().leads().forEachLead(list.get(), lead -> out.println(leadJson(lead)));
        }
        return OK;
    }

    static String leadJson(StoredLead stored) {
        ObjectNode json = JSON.createObjectNode();
        json.put("leadId", stored.leadId());
        json.put("importId", stored.importId());
        json.put("list", stored.list());
        stored.lead().fields().forEach((field, value) -> json.put(field.jsonName(), value));
        stored.lead().phones().forEach((field, phone) -> {
            json.put(field.jsonName(), phone.display());
            json.put(field.jsonName() + "E164", phone.e164());
        });
        json.put("callInfo", stored.lead().callInfo());
        json.put("timeZone", stored.lead().timeZone());
        json.put("numberTimeZone", stored.lead().numberTimeZone());
        json.put("expiresOn", stored.expiresOn() == null ? null : stored.expiresOn().toString());
        json.put("callAttempts", stored.callAttempts());
        stored.lead().secondary().forEach((name, value) -> {
            if (!json.has(name)) {
                json.put(name, value);
            }
        });
        try {
            return JSON.writeValueAsString(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int dnc(List<String> args) {
        if (args.size() == 2 && args.get(0).equals("create")) {
            return createCategory(args.get(1));
        }
        if (args.size() < 3 || !(args.get(0).equals("add") || args.get(0).equals("import"))) {
            throw new UsageException("dnc create CATEGORY, dnc add CATEGORY NUMBER... or dnc import CATEGORY FILE");
        }
        String named = args.get(1);
        List<String> raw;
        if (args.get(0).equals("add")) {
            raw = args.subList(2, args.size());
        } else {
            if (args.size() != 3) {
                throw new UsageException("dnc import CATEGORY FILE");
            }
            try {
                raw = Files.readAllLines(Path.of(args.get(2)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return printRefusal("cannot read " + args.get(2) + ": " + e.getMessage());
            }
        }
        DncNumbers.Read read = DncNumbers.read(raw);
        List<String> numbers = read.e164();
        ArrayNode unreadable = JSON.valueToTree(read.unreadable());
        boolean explicit = args.get(0).equals("add");
        if (explicit && !unreadable.isEmpty()) {
            ObjectNode refusal = JSON.createObjectNode().put("status", "REFUSED")
                    .put("error", "not phone numbers: " + unreadable.findValuesAsText("value") + "; nothing was added");
            print(refusal);
            return REFUSED;
        }
        String category;
        try (LocalRuntime runtime = LocalRuntime.start(settings)) {
            DncStore dnc = runtime.stores().dnc();
            Optional<String> existing = dnc.category(named);
            if (existing.isEmpty()) {
                return printRefusal(dnc.unknownCategory(named));
            }
            category = existing.get();
            dnc.add(category, numbers);
        }
        ObjectNode result = JSON.createObjectNode().put("category", category).put("added", numbers.size());
        result.set("unreadable", unreadable);
        print(result);
        return OK;
    }

    private int createCategory(String name) {
        Optional<String> problem = Limits.nameProblem(name.strip());
        if (name.isBlank() || problem.isPresent()) {
            return printRefusal("CATEGORY " + problem.orElse("is required"));
        }
        try (LocalRuntime runtime = LocalRuntime.start(settings)) {
            DncStore dnc = runtime.stores().dnc();
            Optional<String> existing = dnc.category(name);
            if (existing.isPresent()) {
                return printRefusal("the DNC category '" + existing.get() + "' exists already");
            }
            dnc.createCategory(name.strip());
        }
        print(JSON.createObjectNode().put("created", name.strip()));
        return OK;
    }

    /** {@code skill-groups}: the system's skill groups, one a line; {@code skill-groups add NAME} adds one. */
    private int skillGroups(List<String> args) {
        boolean add = args.size() == 2 && args.get(0).equals("add");
        if (!args.isEmpty() && !add) {
            throw new UsageException("skill-groups, or skill-groups add NAME");
        }
        String name = add ? args.get(1).strip() : null;
        if (add) {
            Optional<String> problem = Limits.nameProblem(name);
            if (name.isEmpty() || problem.isPresent()) {
                return printRefusal("NAME " + problem.orElse("is required"));
            }
        }
        try (LocalRuntime runtime = LocalRuntime.start(settings)) {
            var catalog = runtime.stores().catalog();
            if (!add) {
                catalog.skillGroups().forEach(out::println);
                return OK;
            }
            Optional<String> existing = catalog.skillGroup(name);
            if (existing.isPresent()) {
                return printRefusal("the skill group '" + existing.get() + "' exists already");
            }
            catalog.createSkillGroup(name);
        }
        print(JSON.createObjectNode().put("created", name));
        return OK;
    }

    private int purge(List<String> args) {
        Optional<String> date = option(args, "--date");
        if (!args.isEmpty()) {
            throw new UsageException("purge [--date yyyy-MM-dd]");
        }
        LocalDate purgeDate;
        try {
            purgeDate = date.map(LocalDate::parse).orElse(null);
        } catch (DateTimeParseException e) {
            return printRefusal("--date must be yyyy-MM-dd, got '" + date.get() + "'");
        }
        try (LocalRuntime runtime = LocalRuntime.start(settings)) {
            var execution = runtime.purge(purgeDate);
            ObjectNode result = JSON.createObjectNode().put("status", execution.status().name());
            if (execution.output() != null) {
                result.set("result", execution.output());
                JsonNode purged = execution.output().path("purged");
                err.printf(java.util.Locale.ROOT, "purged as of %s: %,d expired imports, %,d leads, %,d callbacks%n",
                        execution.output().path("date").asText(), purged.path("imports").asLong(), purged.path("leads").asLong(),
                        purged.path("callbacks").asLong());
            }
            if (execution.error() != null) {
                result.put("error", execution.error() + ": " + execution.cause());
            }
            print(result);
            return execution.status() == com.leadimport.local.sfn.Execution.Status.SUCCEEDED ? OK : FAILED;
        }
    }

    private int serve(List<String> args) {
        int port = Integer.parseInt(option(args, "--port").orElse("8080"));
        // a dialler without Outbound Skill-Based Routing: the wizard then hides Default Skill Group
        boolean skillBasedRouting = !args.remove("--no-skill-routing");
        if (!args.isEmpty()) {
            throw new UsageException("serve [--port 8080] [--no-skill-routing]");
        }
        LocalRuntime runtime = LocalRuntime.start(settings.withSkillBasedRouting(skillBasedRouting));
        LocalServer server = LocalServer.start(runtime, port, settings.dataDir().resolve("drop"), settings.purgeZone());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            runtime.close();
        }));
        out.println("The console: http://127.0.0.1:" + server.port() + "/  (open it in a browser)");
        out.println("The wizard API: http://127.0.0.1:" + server.port() + "/api/");
        out.println("Supplier drop folder: " + settings.dataDir().resolve("drop").toAbsolutePath() + "/<supplier>/");
        out.println("Ctrl-C to stop.");
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    private int printRefusal(String error) {
        print(JSON.createObjectNode().put("status", "REFUSED").put("error", error));
        return REFUSED;
    }

    private int printFailure(String error) {
        print(JSON.createObjectNode().put("status", "FAILED").put("error", error));
        return FAILED;
    }

    private void print(ObjectNode json) {
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes {@code name value} from the arguments and returns the value. */
    static Optional<String> option(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0) {
            return Optional.empty();
        }
        if (at + 1 >= args.size()) {
            throw new UsageException(name + " needs a value");
        }
        String value = args.get(at + 1);
        args.remove(at + 1);
        args.remove(at);
        return Optional.of(value);
    }

    /** The command line was not understood. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
