package io.cadenza.bench;

import java.util.Optional;

/**
 * The options of {@link MixedWorkloadSoak}.
 *
 * @param workflows      workflows to run (each with its queries, signal, activities, timer, child, and for odd
 *                       numbers a continued run)
 * @param concurrency    workflows in flight at once
 * @param cadenzaAddress a running Cadenza to use; empty starts PostgreSQL and a data plane for the run
 * @param timeoutSeconds the longest the whole batch may take
 * @param testServer     run against Temporal's in-memory test server instead (the same workload, for comparison)
 * @param killAfter      once this many workflows completed, SIGKILL the data plane and restart it (0: never)
 * @param replaceWorkerAfter once this many workflows completed, shut the second of the two workers down and start
 *                       a new one (0: never)
 */
record SoakOptions(int workflows, int concurrency, Optional<String> cadenzaAddress, int timeoutSeconds,
                   boolean testServer, int killAfter, int replaceWorkerAfter) {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: MixedWorkloadSoak [--workflows N] [--concurrency C] [--cadenza-address HOST:PORT]"
                    + " [--timeout-seconds S] [--target cadenza|testserver] [--kill-after K]"
                    + " [--replace-worker-after R]",
            "",
            "  --workflows N                workflows to run (default 2000)",
            "  --concurrency C              workflows in flight (default 100)",
            "  --cadenza-address HOST:PORT  a running Cadenza (default: start PostgreSQL and a data plane)",
            "  --timeout-seconds S          the longest the batch may take (default 900)",
            "  --target cadenza|testserver  what to soak (default cadenza; testserver: Temporal's in-memory one)",
            "  --kill-after K               SIGKILL the data plane once K workflows completed, and restart it",
            "  --replace-worker-after R     shut one of the two workers down once R workflows completed, start"
                    + " another");

    /**
     * Parses {@code --name value} or {@code --name=value} arguments.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    static SoakOptions parse(String[] args) {
        int workflows = 2000;
        int concurrency = 100;
        Optional<String> address = Optional.empty();
        int timeoutSeconds = 900;
        boolean testServer = false;
        int killAfter = 0;
        int replaceWorkerAfter = 0;
        for (CliArgs.Option option : CliArgs.parse(args, java.util.Set.of())) {
            String name = option.name();
            String value = option.value();
            switch (name) {
                case "--workflows" -> workflows = number(name, value);
                case "--concurrency" -> concurrency = number(name, value);
                case "--timeout-seconds" -> timeoutSeconds = number(name, value);
                case "--kill-after" -> killAfter = number(name, value);
                case "--replace-worker-after" -> replaceWorkerAfter = number(name, value);
                case "--cadenza-address" -> {
                    if (!value.matches("[^:\\s]+:\\d{1,5}")) {
                        throw new IllegalArgumentException("--cadenza-address must be HOST:PORT, got: " + value);
                    }
                    address = Optional.of(value);
                }
                case "--target" -> testServer = switch (value) {
                    case "cadenza" -> false;
                    case "testserver" -> true;
                    default -> throw new IllegalArgumentException("--target must be cadenza or testserver, got: "
                            + value);
                };
                default -> throw new IllegalArgumentException("unknown argument: " + name);
            }
        }
        if (testServer && address.isPresent()) {
            throw new IllegalArgumentException("--cadenza-address and --target testserver exclude each other");
        }
        if (killAfter > 0 && (testServer || address.isPresent())) {
            throw new IllegalArgumentException("--kill-after needs the data plane this run starts (no --target "
                    + "testserver, no --cadenza-address)");
        }
        if (killAfter >= workflows || replaceWorkerAfter >= workflows) {
            throw new IllegalArgumentException("--kill-after and --replace-worker-after must be below --workflows ("
                    + workflows + ")");
        }
        return new SoakOptions(workflows, concurrency, address, timeoutSeconds, testServer, killAfter,
                replaceWorkerAfter);
    }

    private static int number(String name, String value) {
        try {
            int number = Integer.parseInt(value.replace("_", ""));
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(name + " must be a whole number of at least 1, got: " + value);
    }
}
