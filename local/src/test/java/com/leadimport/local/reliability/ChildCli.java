package com.leadimport.local.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command line run as a user runs it: its own JVM, its own process to kill. */
final class ChildCli {

    record Result(int status, String out, String err) {
    }

    private ChildCli() {
    }

    static Process start(Path data, Path output, int chunkRows, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "com.leadimport.local.Cli"));
        command.addAll(List.of(args));
        command.addAll(List.of("--data", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(output.resolveSibling(output.getFileName() + ".err").toFile());
        builder.environment().put("LEAD_IMPORT_CHUNK_ROWS", Integer.toString(chunkRows));
        builder.environment().remove("LEAD_IMPORT_DYNAMODB");
        return builder.start();
    }

    static Result run(Path data, Path output, int chunkRows, String... args) throws Exception {
        Process process = start(data, output, chunkRows, args);
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not exit: " + String.join(" ", args));
        }
        return new Result(process.exitValue(), Files.readString(output),
                Files.readString(output.resolveSibling(output.getFileName() + ".err")));
    }
}
