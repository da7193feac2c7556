package com.leadimport.bench;

import java.util.Arrays;

/** {@code java -jar bench/target/lead-import-bench.jar cpu|e2e|store|aws|engines [options]}: benchmarks that print their figures. */
public final class Bench {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: lead-import-bench cpu [--file F] [--mb 50] | e2e [--rows 400000] | store [--fill 1000000] [--rows 200000]"
                    + " | aws [--rows 550000]"
                    + " | engines [--leads 300000] [--threads 4] [--engine all|rocksdb|mvstore|sqlite]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "cpu" -> CpuBench.run(Options.parse(rest));
            case "e2e" -> EndToEndBench.run(Options.parse(rest));
            case "store" -> StoreBench.run(Options.parse(rest));
            case "aws" -> AwsBench.run(Options.parse(rest));
            case "engines" -> {
                Options options = Options.parse(rest);
                com.leadimport.bench.engines.EnginesBench.run(options.getLong("leads", 300_000), (int) options.getLong("threads", 4),
                        options.get("engine", "all"));
            }
            default -> {
                System.err.println("unknown benchmark '" + args[0] + "'");
                System.exit(2);
            }
        }
    }
}
