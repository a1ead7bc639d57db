package io.cadenza.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The options of {@link WorkflowThroughputBenchmark}.
 *
 * @param workflows       measured workflows per target
 * @param concurrency     workflows kept in flight
 * @param warmup          workflows run (and not measured) before the measured run, to warm up both JVMs
 * @param targets         the targets, in the order they run
 * @param cadenzaAddress  a running Cadenza to use; when empty, the benchmark starts its own
 * @param timeout         the longest one target's measured run may take
 * @param sameJvm         run every target in this JVM, one after the other (by default, with more than one target,
 *                        each runs in a fresh JVM of its own: see {@link TargetProcess})
 * @param rate            starts per second for an open-loop run (0: closed loop, the next start as soon as a
 *                        workflow finishes)
 * @param report          where a run of one target writes its {@link TargetSummary} (used between JVMs)
 * @param metering        the Cadenza this run starts meters usage (a Kafka broker is started for its relay);
 *                        off by default, so that runs with and without it can be compared
 * @param system          what only the {@code system} target measures
 */
record BenchOptions(int workflows, int concurrency, int warmup, List<Target> targets, Optional<String> cadenzaAddress,
                    Duration timeout, boolean sameJvm, double rate, Optional<Path> report, boolean metering,
                    SystemOptions system) {

    /**
     * @param idle       a quiet period after the load, over which the idle stack's CPU is measured (0: skip)
     * @param restart    how long to run after restarting the gateway and the cell (0: skip)
     * @param probeCalls calls through the gateway and straight to the cell, to measure the gateway's added latency
     */
    record SystemOptions(Duration idle, Duration restart, int probeCalls) {
        static final SystemOptions DEFAULT = new SystemOptions(Duration.ofSeconds(60), Duration.ofSeconds(60), 2000);
    }

    /** What to benchmark. */
    enum Target {
        /** A data plane alone (with its PostgreSQL), called directly and anonymously. */
        CADENZA,
        /** Temporal's in-memory test server. */
        TESTSERVER,
        /** The whole system ({@code ./cadenza dev}'s stack) through the gateway, as a tenant with an API key. */
        SYSTEM;

        String label() {
            return name().toLowerCase();
        }
    }

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: WorkflowThroughputBenchmark [--workflows N] [--concurrency C] [--warmup W]",
            "                                   [--target cadenza|testserver|both|LIST] [--cadenza-address HOST:PORT]",
            "                                   [--timeout-seconds S] [--rate R] [--same-jvm] [--metering]",
            "",
            "  --workflows N              measured workflows per target (default 5000)",
            "  --concurrency C            workflows kept in flight (default 100)",
            "  --warmup W                 unmeasured workflows first (default 8000: fresh JVMs keep compiling for",
            "                             about 10000 workflows; --warmup 1000 measures them while they still are)",
            "  --target T                 cadenza (a data plane alone), testserver, system (the whole stack",
            "                             through the gateway with an API key), both (= cadenza,testserver) or a",
            "                             comma-separated order such as system,testserver (default both)",
            "  --cadenza-address H:P      use a running Cadenza instead of starting PostgreSQL + a data plane",
            "  --timeout-seconds S        give up on a target's measured run after S seconds (default 600)",
            "  --rate R                   open loop: start R workflows per second (still at most C in flight), to",
            "                             measure latency below saturation (default 0: closed loop, a new start",
            "                             as soon as a workflow finishes)",
            "  --same-jvm                 run all targets in this JVM, one after the other; by default each target",
            "                             gets a fresh JVM, since a later target inherits a JIT-warmed SDK",
            "  --metering                 the Cadenza this run starts meters usage for billing (usage outbox,",
            "                             relayed to a Kafka broker started for the run); default off",
            "  --idle-seconds S           system target: measure the idle stack's CPU over S quiet seconds after",
            "                             the load (default 60; 0 skips)",
            "  --restart-seconds S        system target: restart the gateway and the cell, then run S seconds and",
            "                             print throughput per 10 s (default 60; 0 skips)",
            "  --probe-calls N            system target: calls through the gateway and straight to the cell that",
            "                             measure the gateway's added latency (default 2000)");

    /**
     * Parses {@code --name value} or {@code --name=value} arguments.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    static BenchOptions parse(String[] args) {
        int workflows = 5000;
        int concurrency = 100;
        int warmup = 8000;
        List<Target> targets = List.of(Target.CADENZA, Target.TESTSERVER);
        Optional<String> address = Optional.empty();
        Duration timeout = Duration.ofSeconds(600);
        boolean sameJvm = false;
        double rate = 0;
        Optional<Path> report = Optional.empty();
        boolean metering = false;
        Duration idle = SystemOptions.DEFAULT.idle();
        Duration restart = SystemOptions.DEFAULT.restart();
        int probeCalls = SystemOptions.DEFAULT.probeCalls();
        for (CliArgs.Option option : CliArgs.parse(args, java.util.Set.of("--same-jvm", "--metering"))) {
            String name = option.name();
            String value = option.value();
            switch (name) {
                case "--same-jvm" -> sameJvm = true;
                case "--metering" -> metering = true;
                case "--workflows" -> workflows = positive(name, value);
                case "--concurrency" -> concurrency = positive(name, value);
                case "--warmup" -> warmup = nonNegative(name, value);
                case "--target" -> targets = targets(value);
                case "--cadenza-address" -> address = Optional.of(value);
                case "--timeout-seconds" -> timeout = Duration.ofSeconds(positive(name, value));
                case "--rate" -> rate = positive(name, value);
                case "--report" -> report = Optional.of(Path.of(value));
                case "--idle-seconds" -> idle = Duration.ofSeconds(nonNegative(name, value));
                case "--restart-seconds" -> restart = Duration.ofSeconds(nonNegative(name, value));
                case "--probe-calls" -> probeCalls = positive(name, value);
                default -> throw new IllegalArgumentException("unknown argument: " + name);
            }
        }
        return new BenchOptions(workflows, concurrency, warmup, targets, address, timeout, sameJvm, rate, report,
                metering, new SystemOptions(idle, restart, probeCalls));
    }

    /** Whether each target runs in a JVM of its own. */
    boolean jvmPerTarget() {
        return !sameJvm && targets.size() > 1;
    }

    /** The arguments of a child JVM that runs only {@code target} and writes its figures to {@code reportFile}. */
    List<String> forOneTarget(Target target, Path reportFile) {
        List<String> args = new ArrayList<>(List.of("--workflows", Integer.toString(workflows),
                "--concurrency", Integer.toString(concurrency), "--warmup", Integer.toString(warmup),
                "--target", target.label(), "--timeout-seconds", Long.toString(timeout.toSeconds()),
                "--report", reportFile.toString()));
        if (rate > 0) {
            args.addAll(List.of("--rate", Long.toString((long) rate)));
        }
        cadenzaAddress.ifPresent(a -> args.addAll(List.of("--cadenza-address", a)));
        if (metering) {
            args.add("--metering");
        }
        args.addAll(List.of("--idle-seconds", Long.toString(system.idle().toSeconds()), "--restart-seconds",
                Long.toString(system.restart().toSeconds()), "--probe-calls", Integer.toString(system.probeCalls())));
        return args;
    }

    private static List<Target> targets(String value) {
        if (value.equals("both")) {
            return List.of(Target.CADENZA, Target.TESTSERVER);
        }
        List<Target> targets = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                Target target = Target.valueOf(part.trim().toUpperCase());
                if (!targets.contains(target)) {
                    targets.add(target);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown target: " + part + " (cadenza, testserver, system or"
                        + " both)");
            }
        }
        return List.copyOf(targets);
    }

    private static int positive(String name, String value) {
        int number = nonNegative(name, value);
        if (number == 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return number;
    }

    private static int nonNegative(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a non-negative number, got: " + value);
    }
}
