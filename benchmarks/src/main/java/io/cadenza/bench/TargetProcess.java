package io.cadenza.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one target in a JVM of its own: the same java, JVM flags, class path and options as this one, with only
 * that target. Targets measured one after the other in one JVM are not compared fairly: the second inherits a
 * worker and client whose code the JIT has already compiled (measured: the same Cadenza went from 0.70x to 1.41x
 * the test server by running second), so a comparison gives each target a fresh JVM and the same warm-up.
 */
final class TargetProcess {

    private TargetProcess() {
    }

    /** Runs the target in a child JVM whose output goes to this one's; empty if it failed without figures. */
    static Optional<TargetSummary> run(BenchOptions.Target target, BenchOptions options) throws InterruptedException {
        Path report = null;
        try {
            report = Files.createTempFile("cadenza-bench-" + target.label() + "-", ".properties");
            Files.delete(report);
            Process child = new ProcessBuilder(command(target, options, report)).inheritIO().start();
            try {
                // The child bounds its own run; this only guards against a child that hangs on its way out.
                long limit = options.timeout().toSeconds() * 2 + 300;
                if (!child.waitFor(limit, TimeUnit.SECONDS)) {
                    System.out.println(target.label() + ": child JVM did not finish in " + limit + " s; killed");
                    return Optional.empty();
                }
            } finally {
                // Interrupted (Ctrl-C of the parent) or timed out: the child must not outlive the comparison.
                child.destroy();
            }
            return Files.exists(report) ? Optional.of(TargetSummary.read(report)) : Optional.empty();
        } catch (IOException e) {
            System.out.println(target.label() + ": could not run a child JVM: " + e.getMessage());
            return Optional.empty();
        } finally {
            if (report != null) {
                try {
                    Files.deleteIfExists(report);
                } catch (IOException e) {
                    // a temporary file left behind
                }
            }
        }
    }

    static List<String> command(BenchOptions.Target target, BenchOptions options, Path report) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // -Xmx, -D flags (cadenza.home, log levels) and agents, as this JVM was started.
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkflowThroughputBenchmark.class.getName());
        command.addAll(options.forOneTarget(target, report));
        return command;
    }
}
