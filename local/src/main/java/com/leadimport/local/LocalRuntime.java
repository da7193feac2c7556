package com.leadimport.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadimport.adapters.Tables;
import com.leadimport.adapters.dynamodb.DynamoStores;
import com.leadimport.adapters.dynamodb.TableDefinitions;
import com.leadimport.adapters.dynamodb.DynamoAuditLog;
import com.leadimport.adapters.s3.S3FileStore;
import com.leadimport.adapters.s3.S3UploadUrls;
import com.leadimport.api.WizardApi;
import com.leadimport.domain.request.ImportRequest;
import com.leadimport.handlers.FinalizeImportHandler;
import com.leadimport.handlers.MarkImportEndedHandler;
import com.leadimport.handlers.PrepareImportHandler;
import com.leadimport.handlers.PurgeExpiredImportsHandler;
import com.leadimport.handlers.ResolveDuplicatesHandler;
import com.leadimport.handlers.ScreenChunkHandler;
import com.leadimport.handlers.SplitFileHandler;
import com.leadimport.handlers.LeaseListsHandler;
import com.leadimport.handlers.PrepareListHandler;
import com.leadimport.handlers.WriteChunkHandler;
import com.leadimport.handlers.WriteKeysHandler;
import com.leadimport.imports.ImportRecord;
import com.leadimport.local.s3.LocalS3Server;
import com.leadimport.local.sfn.Execution;
import com.leadimport.local.sfn.ObjectReader;
import com.leadimport.local.sfn.Sleeper;
import com.leadimport.local.sfn.StateMachine;
import com.leadimport.local.sfn.StateMachineExecutor;
import com.leadimport.local.sfn.StatesError;
import com.leadimport.local.sfn.TaskInvoker;
import com.leadimport.logging.Log;
import com.leadimport.workflow.ExecutionFailure;
import com.leadimport.workflow.FileArrived;
import com.leadimport.workflow.ImportJob;
import com.leadimport.workflow.UploadKeys;
import com.leadimport.workflow.Workflow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The whole product in one process, no AWS account and no Docker: the DynamoDB emulator and
 * s3proxy in this JVM, the same Lambda handlers invoked in-process, and the very state machine
 * definitions the template deploys run by the local executor. An upload is followed by the
 * S3 "Object Created" event EventBridge would send.
 */
public final class LocalRuntime implements AutoCloseable {

    public static final String PREFIX = "lead-import";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TASK_TIMEOUT_MILLIS = 15 * 60 * 1000;

    private final LocalDynamoDb dynamoDb;
    private final LocalS3Server s3Server;
    private final DynamoDbClient dynamoDbClient;
    private final S3Client s3;
    private final Tables tables = Tables.withPrefix(PREFIX);
    private final DynamoStores stores;
    private final S3FileStore files;
    private final Workflow workflow;
    private final Clock clock;
    private final Supplier<String> ids;
    private final StateMachineExecutor imports;
    private final StateMachineExecutor purges;
    private final StateMachineExecutor stopped;
    private final Map<String, RequestStreamHandler> handlers = new HashMap<>();
    private final WizardApi wizardApi;
    private final S3Presigner presigner;
    private final Faults faults;
    /** The wizard's uploads' events, delivered as EventBridge does: after the API has answered. */
    private final java.util.concurrent.ExecutorService events = java.util.concurrent.Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "s3-events");
        thread.setDaemon(true);
        return thread;
    });

    /** How the runtime is set up; tests vary chunk size, parallelism, time and task wrapping. */
    public record Settings(Path dataDir, int chunkRows, int threads, Clock clock, ZoneId purgeZone, Supplier<String> ids,
                           Function<TaskInvoker, TaskInvoker> taskWrapper, Sleeper sleeper, String dynamoDb,
                           boolean skillBasedRouting, Faults faults) {

        public static Settings defaults(Path dataDir) {
            return new Settings(dataDir, configuredChunkRows(), Math.max(2, Runtime.getRuntime().availableProcessors()),
                    Clock.systemUTC(), ZoneId.of("Europe/London"), () -> java.util.UUID.randomUUID().toString(),
                    Function.identity(), Sleeper.REAL, LocalDynamoDb.configured(), true, Faults.configured());
        }

        /** Rows per chunk: the template's ChunkRows, here {@code LEAD_IMPORT_CHUNK_ROWS} (default 5,000). */
        private static int configuredChunkRows() {
            String value = System.getenv("LEAD_IMPORT_CHUNK_ROWS");
            return value == null || value.isBlank() ? Workflow.DEFAULT_CHUNK_ROWS : Integer.parseInt(value.trim());
        }

        public Settings withChunkRows(int rows) {
            return new Settings(dataDir, rows, threads, clock, purgeZone, ids, taskWrapper, sleeper, dynamoDb, skillBasedRouting, faults);
        }

        public Settings withThreads(int n) {
            return new Settings(dataDir, chunkRows, n, clock, purgeZone, ids, taskWrapper, sleeper, dynamoDb, skillBasedRouting, faults);
        }

        public Settings withClock(Clock c) {
            return new Settings(dataDir, chunkRows, threads, c, purgeZone, ids, taskWrapper, sleeper, dynamoDb, skillBasedRouting, faults);
        }

        public Settings withIds(Supplier<String> s) {
            return new Settings(dataDir, chunkRows, threads, clock, purgeZone, s, taskWrapper, sleeper, dynamoDb, skillBasedRouting, faults);
        }

        public Settings withTaskWrapper(Function<TaskInvoker, TaskInvoker> wrapper) {
            return new Settings(dataDir, chunkRows, threads, clock, purgeZone, ids, wrapper, sleeper, dynamoDb, skillBasedRouting, faults);
        }

        /** Which DynamoDB the runtime uses: embedded, dynalite or an http:// URL ({@link LocalDynamoDb}). */
        public Settings withDynamoDb(String setting) {
            return new Settings(dataDir, chunkRows, threads, clock, purgeZone, ids, taskWrapper, sleeper, setting, skillBasedRouting, faults);
        }

        /** Whether the wizard offers Default Skill Group (the system has Outbound Skill-Based Routing). */
        public Settings withSkillBasedRouting(boolean enabled) {
            return new Settings(dataDir, chunkRows, threads, clock, purgeZone, ids, taskWrapper, sleeper, dynamoDb, enabled, faults);
        }

        /** Faults to inject in the local DynamoDB, S3 and task invocations ({@link Faults}). */
        public Settings withFaults(Faults f) {
            return new Settings(dataDir, chunkRows, threads, clock, purgeZone, ids, taskWrapper, sleeper, dynamoDb, skillBasedRouting, f);
        }

        public Settings withSleeper(Sleeper s) {
            return new Settings(dataDir, chunkRows, threads, clock, purgeZone, ids, taskWrapper, s, dynamoDb, skillBasedRouting, faults);
        }
    }

    private LocalRuntime(Settings settings) {
        Path data = settings.dataDir();
        if (data != null) {
            Log.sendTo(logFile(data));
        }
        this.faults = settings.faults();
        this.dynamoDb = LocalDynamoDb.start(settings.dynamoDb(), data, faults);
        URI dynamoDbEndpoint = dynamoDb.endpoint();
        this.s3Server = LocalS3Server.start(data == null ? null : data.resolve("s3"), faults);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY));
        this.dynamoDbClient = DynamoDbClient.builder().endpointOverride(dynamoDbEndpoint).region(Region.EU_WEST_2)
                .credentialsProvider(credentials).httpClient(httpClient()).overrideConfiguration(this::retries).build();
        this.s3 = S3Client.builder().endpointOverride(s3Server.endpoint()).region(Region.EU_WEST_2).forcePathStyle(true)
                .credentialsProvider(credentials).httpClient(httpClient()).overrideConfiguration(this::retries).build();
        List<String> created = TableDefinitions.createMissing(dynamoDbClient, tables);
        for (String bucket : new String[] {tables.uploadBucket(), tables.workBucket()}) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
                s3.createBucket(b -> b.bucket(bucket));
            }
        }
        this.stores = DynamoStores.create(dynamoDbClient, tables);
        if (created.contains(tables.dnc())) {
            stores.dnc().startEmpty();
        }
        this.files = new S3FileStore(s3);
        this.clock = settings.clock();
        this.ids = settings.ids();
        this.workflow = new Workflow(stores.imports(), stores.catalog(), stores.dnc(), stores.leads(), stores.buffer(),
                stores.leases(), files, settings.clock(), tables.workBucket(), settings.chunkRows(), settings.purgeZone(),
                Workflow.DEFAULT_PURGE_BUDGET);
        handlers.put("PrepareImport", new PrepareImportHandler(workflow.prepareImport()));
        handlers.put("SplitFile", new SplitFileHandler(workflow.splitFile()));
        handlers.put("ScreenChunk", new ScreenChunkHandler(workflow.screenChunk()));
        handlers.put("ResolveDuplicates", new ResolveDuplicatesHandler(workflow.resolveDuplicates()));
        handlers.put("LeaseLists", new LeaseListsHandler(workflow.leaseLists()));
        handlers.put("PrepareList", new PrepareListHandler(workflow.prepareList()));
        handlers.put("WriteChunk", new WriteChunkHandler(workflow.writeChunk()));
        handlers.put("WriteKeys", new WriteKeysHandler(workflow.writeKeys()));
        handlers.put("FinalizeImport", new FinalizeImportHandler(workflow.finalizeImport()));
        handlers.put("MarkImportEnded", new MarkImportEndedHandler(workflow.markImportEnded()));
        handlers.put("PurgeExpiredImports", new PurgeExpiredImportsHandler(workflow.purgeExpiredImports()));
        Map<String, String> substitutions = new HashMap<>();
        handlers.keySet().forEach(name -> substitutions.put(name + "FunctionArn", name));
        substitutions.put("WorkBucket", tables.workBucket());
        TaskInvoker invoker = settings.taskWrapper().apply(faults.tasks() > 0 ? this::invokeWithFaults : this::invoke);
        ObjectReader reader = (bucket, key) -> new String(files.read(bucket, key), StandardCharsets.UTF_8);
        this.presigner = S3Presigner.builder().endpointOverride(s3Server.endpoint()).region(Region.EU_WEST_2)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        this.wizardApi = new WizardApi(stores.imports(), stores.catalog(), stores.dnc(),
                new EventingFileStore(files, tables.uploadBucket(), this::objectCreatedLater),
                new S3UploadUrls(presigner), new DynamoAuditLog(dynamoDbClient, tables.audit(), settings.clock()),
                settings.clock().withZone(settings.purgeZone()), settings.ids(),
                new WizardApi.Options(tables.uploadBucket(), tables.workBucket(), false, settings.skillBasedRouting()));
        this.imports = new StateMachineExecutor(PREFIX + "-import-leads",
                StateMachine.load(definition("import-leads.asl.json"), substitutions), invoker, reader, settings.threads(),
                settings.sleeper(), () -> ThreadLocalRandom.current().nextDouble());
        this.purges = new StateMachineExecutor(PREFIX + "-purge-expired",
                StateMachine.load(definition("purge-expired.asl.json"), substitutions), invoker, reader, 1,
                settings.sleeper(), () -> ThreadLocalRandom.current().nextDouble());
        this.stopped = new StateMachineExecutor(PREFIX + "-import-stopped",
                StateMachine.load(definition("import-stopped.asl.json"), substitutions), invoker, reader, 1,
                settings.sleeper(), () -> ThreadLocalRandom.current().nextDouble());
        endImportsLeftRunning();
    }

    /**
     * One data dir, one process (the store's lock sees to it), so an import still RUNNING when the
     * runtime starts was left by a process that stopped (killed, crashed) mid-way: it ends FAILED
     * and keeps none of the leads it wrote, as the AWS rule on stopped executions does it there.
     */
    private void endImportsLeftRunning() {
        for (String importId : stores.imports().active()) {
            ImportRecord record = stores.imports().find(importId).orElse(null);
            if (record == null || record.status() != com.leadimport.imports.ImportStatus.RUNNING) {
                continue;
            }
            ExecutionFailure failure = new ExecutionFailure(new FileArrived(record.fileBucket(), record.fileKey(), null, null,
                    record.executionId()), new ImportJob(importId, false), new ExecutionFailure.Error("States.ExecutionStopped",
                    "The import stopped before it finished (the process running it stopped); nothing of it was kept."
                            + " Import the file again."));
            while (!workflow.markImportEnded().end(failure).done()) {
                // a budget of leads a call, as the state machine loops on AWS
            }
            Log.info("stopped import ended", Map.of("importId", importId));
        }
    }

    /**
     * What EventBridge hands the import-stopped state machine when an import execution stops
     * without its Catch ({@code status} FAILED, TIMED_OUT or ABORTED), run through that definition.
     */
    public Execution executionStopped(String executionArn, String status, JsonNode executionInput) {
        ObjectNode event = JSON.createObjectNode();
        event.put("source", "aws.states");
        event.put("detail-type", "Step Functions Execution Status Change");
        ObjectNode detail = event.putObject("detail");
        detail.put("executionArn", executionArn);
        detail.put("status", status);
        detail.put("input", executionInput.toString());
        return stopped.run("stopped-" + ids.get(), event);
    }

    /** The structured log of a data dir ({@code DIR/logs/lead-import.log}): what Lambda would send to CloudWatch. */
    private static java.io.PrintStream logFile(Path data) {
        try {
            Path logs = java.nio.file.Files.createDirectories(data.resolve("logs"));
            return new java.io.PrintStream(new java.io.FileOutputStream(logs.resolve("lead-import.log").toFile(), true), true,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log in " + data, e);
        }
    }

    /** @throws com.leadimport.local.dynamodb.DataDirInUseException when another process has the data dir */
    public static LocalRuntime start(Settings settings) {
        return new LocalRuntime(settings);
    }

    public DynamoStores stores() {
        return stores;
    }

    public S3FileStore files() {
        return files;
    }

    public Tables tables() {
        return tables;
    }

    public Workflow workflow() {
        return workflow;
    }

    /** The wizard API on this runtime: no sign-in (the caller is "local"); a Start import runs the workflow. */
    public WizardApi wizardApi() {
        return wizardApi;
    }

    public DynamoDbClient dynamoDbClient() {
        return dynamoDbClient;
    }

    /** Uploads the file as the wizard would, for an import created from the request, and runs the workflow. */
    public ImportRecord importFile(String fileName, byte[] content, ImportRequest request, String createdBy) {
        return importFile(fileName, RequestBody.fromBytes(content), request, createdBy);
    }

    /** The same for a file on disk, streamed to the upload bucket. */
    public ImportRecord importFile(Path file, ImportRequest request, String createdBy) {
        return importFile(file.getFileName().toString(), RequestBody.fromFile(file), request, createdBy);
    }

    private ImportRecord importFile(String fileName, RequestBody content, ImportRequest request, String createdBy) {
        String importId = ids.get();
        String key = UploadKeys.upload(importId, fileName);
        stores.imports().create(ImportRecord.awaitingFile(importId, request, tables.uploadBucket(), key, fileName,
                clock.instant(), createdBy, LocalDate.now(clock.withZone(workflow.purgeZone()))));
        upload(key, content);
        return stores.imports().find(importId).orElseThrow();
    }

    /** Puts a file in the upload bucket and delivers the event EventBridge would; returns the execution. */
    public Execution upload(String key, byte[] content) {
        return upload(key, RequestBody.fromBytes(content));
    }

    private Execution upload(String key, RequestBody content) {
        long size = content.optionalContentLength().orElseThrow();
        s3.putObject(b -> b.bucket(tables.uploadBucket()).key(key), content);
        String sequencer = Long.toHexString(System.nanoTime());
        return deliverObjectCreated(key, size, sequencer);
    }

    /**
     * An object the wizard API put in the upload bucket: as on AWS, S3 and EventBridge start the
     * workflow after the request has been answered (Start answers 202 at once; the console then
     * follows the import's progress).
     */
    private void objectCreatedLater(String key, long size) {
        String sequencer = Long.toHexString(System.nanoTime());
        events.execute(() -> {
            try {
                deliverObjectCreated(key, size, sequencer);
            } catch (RuntimeException e) {
                Log.fault("object created event not delivered", e);
            }
        });
    }

    /** The S3 Object Created event as EventBridge delivers it to the state machine. */
    public Execution deliverObjectCreated(String key, long size, String sequencer) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("detail-type", "Object Created");
        event.put("source", "aws.s3");
        ObjectNode detail = event.putObject("detail");
        detail.putObject("bucket").put("name", tables.uploadBucket());
        detail.putObject("object").put("key", key).put("size", size).put("sequencer", sequencer);
        // EventBridge names no execution: each delivery is a new one; the workflow itself makes repeats harmless
        String name = "upload-" + ids.get();
        Execution execution = imports.run(name, event);
        if (!execution.succeeded()) {
            // the EventBridge rule on the import state machine's FAILED and TIMED_OUT executions
            executionStopped(imports.executionArn(name), execution.status().name(), event);
        }
        return execution;
    }

    /** The midnight purge as of the date (null: today in the purge's zone). */
    public Execution purge(LocalDate date) {
        ObjectNode input = JSON.createObjectNode();
        if (date == null) {
            input.putNull("date");
        } else {
            input.put("date", date.toString());
        }
        return purges.run("purge-" + ids.get(), input);
    }

    private JsonNode invoke(String function, JsonNode payload) throws IOException {
        Log.info("invoke", Map.of("function", function));
        RequestStreamHandler handler = handlers.get(function);
        if (handler == null) {
            throw new IllegalArgumentException("no local function named " + function);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // a failing handler has logged its fault (Log), as on Lambda; the workflow gets the exception
        handler.handleRequest(new java.io.ByteArrayInputStream(JSON.writeValueAsBytes(payload)), out,
                new LocalContext(function, System.currentTimeMillis() + TASK_TIMEOUT_MILLIS));
        return JSON.readTree(out.toByteArray());
    }

    /**
     * An invocation as Lambda fails now and then: before the function runs, or after it ran with
     * its answer lost (Lambda.ServiceException either way); the state machine retries the step.
     */
    private JsonNode invokeWithFaults(String function, JsonNode payload) throws IOException {
        if (faults.roll(faults.tasks(), "task failed before running")) {
            throw new StatesError("Lambda.ServiceException", "injected fault before " + function + " ran");
        }
        JsonNode result = invoke(function, payload);
        if (faults.roll(faults.tasks(), "task answer lost")) {
            throw new StatesError("Lambda.ServiceException", "injected fault: " + function + " ran, its answer was lost");
        }
        return result;
    }

    /** The faults injected so far, by kind (none unless {@link Settings#withFaults} or LEAD_IMPORT_FAULTS). */
    public Map<String, Long> faultsInjected() {
        return faults.injected();
    }

    /**
     * The SDK's own retries, as on Lambda; with faults injected, the same number of attempts with
     * millisecond backoffs (the service's 20 s throttling backoff would only slow the tests down).
     */
    private void retries(ClientOverrideConfiguration.Builder config) {
        if (faults.any()) {
            BackoffStrategy quick = BackoffStrategy.exponentialDelay(Duration.ofMillis(2), Duration.ofMillis(100));
            config.retryStrategy(b -> b.backoffStrategy(quick).throttlingBackoffStrategy(quick));
        }
    }

    private static SdkHttpClient httpClient() {
        return ApacheHttpClient.builder().maxConnections(64).build();
    }

    private static String definition(String name) {
        try (InputStream in = LocalRuntime.class.getResourceAsStream("/statemachine/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the state machine definition " + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        events.shutdownNow();
        try {
            if (!events.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                Log.info("closing with an import still running", Map.of());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (faults.any()) {
            Log.info("faults injected", faults.injected());
        }
        presigner.close();
        s3.close();
        dynamoDbClient.close();
        s3Server.close();
        dynamoDb.close();
    }
}
