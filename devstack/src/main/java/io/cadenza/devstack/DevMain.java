package io.cadenza.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./cadenza dev}: runs the whole Cadenza dev stack in the foreground on one data directory.
 *
 * <pre>java -Dcadenza.home=REPO -cp ... io.cadenza.devstack.DevMain dev
 *     [--data-dir DIR] [--port 7233] [--pg-port 55432]</pre>
 *
 * <p>On start it stops what a SIGKILLed previous run left behind, starts the services in order, prints where to reach
 * them, and then watches them: Ctrl-C stops everything cleanly (exit 0); a service that dies on its own ends the run
 * with its log tail (exit 1). Bad arguments exit 2.
 */
public final class DevMain {

    /** Where {@code ./mvnw package -pl data-plane} puts the runnable data plane, relative to {@code cadenza.home}. */
    static final String DATA_PLANE_JAR = "data-plane/target/quarkus-app/quarkus-run.jar";
    static final String CELL_ID = "cell-1";
    static final String CELL_DATABASE = "cadenza_cell1";
    private static final int TAIL_LINES = 40;

    private DevMain() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs a command line and returns the process exit code. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && List.of("help", "--help", "-h").contains(args.get(0))) {
            out.println(DevOptions.USAGE);
            return 0;
        }
        if (args.isEmpty() || !args.get(0).equals("dev")) {
            err.println(args.isEmpty() ? "cadenza: missing command" : "cadenza: unknown command: " + args.get(0));
            err.println(DevOptions.USAGE);
            return 2;
        }
        List<String> devArgs = args.subList(1, args.size());
        if (devArgs.contains("--help") || devArgs.contains("-h")) {
            out.println(DevOptions.USAGE);
            return 0;
        }
        DevOptions options;
        try {
            options = DevOptions.parse(devArgs, Path.of(System.getProperty("user.home")));
        } catch (DevOptions.UsageException e) {
            err.println("cadenza dev: " + e.getMessage());
            err.println(DevOptions.USAGE);
            return 2;
        }
        Path home = Path.of(System.getProperty("cadenza.home", ".")).toAbsolutePath().normalize();
        List<String> required = options.engineOnly() ? List.of(DATA_PLANE_JAR) : CadenzaTopology.requiredArtifacts();
        for (String artifact : required) {
            if (!Files.isRegularFile(home.resolve(artifact))) {
                err.println("cadenza dev: not built: " + home.resolve(artifact) + " is missing.");
                err.println("Run it through ./cadenza (which builds what is missing), or: "
                        + "./mvnw -B -DskipTests package");
                return 1;
            }
        }
        quietLibraryLogging();
        if (options.engineOnly()) {
            return runStack(new DevStack(options.dataDir(), services(options, home.resolve(DATA_PLANE_JAR))),
                    options, () -> List.of(), out, err);
        }
        CadenzaTopology topology;
        try {
            topology = CadenzaTopology.create(new CadenzaTopology.Settings(home, options.dataDir(),
                    CadenzaTopology.Ports.devDefaults(options.port(), options.pgPort()), !options.requireAuth(),
                    options.cellInstances()));
        } catch (IOException e) {
            err.println("cadenza dev: " + e.getMessage());
            return 1;
        }
        return runStack(topology.stack(), options, () -> {
            List<String> lines = new java.util.ArrayList<>(devKeyBanner(topology));
            try {
                lines.addAll(TerraformCliConfig.write(home, options.dataDir()));
            } catch (IOException e) {
                lines.add("Terraform CLI config    not written: " + e.getMessage());
            }
            return lines;
        }, out, err);
    }

    /** The dev API key, which the control plane writes on its first start in dev mode. */
    private static List<String> devKeyBanner(CadenzaTopology topology) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        try {
            while (System.nanoTime() < deadline) {
                Optional<String> key = topology.devApiKey();
                if (key.isPresent()) {
                    return List.of("Dev API key (default)   " + key.get(),
                            "                        (also in " + topology.settings().dataDir().resolve("dev-api-key")
                                    + ")");
                }
                Thread.sleep(200); // polling for a file another process writes, bounded by the deadline
            }
        } catch (IOException e) {
            return List.of("Dev API key             unreadable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of(topology.settings().devMode()
                ? "Dev API key             not written yet (see the control-plane log)" : "");
    }

    /**
     * The services of the dev stack, in start order. A new service is one more entry here (Keycloak, Kafka, another
     * cell, the gateway, ...).
     */
    static List<DevService> services(DevOptions options, Path dataPlaneJar) {
        Path logs = DevStack.logDir(options.dataDir());
        PostgresService postgres = new PostgresService(options.dataDir().resolve("postgres"), options.pgPort(),
                logs.resolve("postgres.log"), List.of(CELL_DATABASE));
        DataPlaneService cell1 = new DataPlaneService("data-plane", CELL_ID, dataPlaneJar, options.port(), postgres,
                CELL_DATABASE, logs.resolve("data-plane.log"));
        return List.of(postgres, cell1);
    }

    private static int runStack(DevStack stack, DevOptions options,
                                java.util.function.Supplier<List<String>> extraBanner, PrintStream out,
                                PrintStream err) {
        try {
            Optional<String> holder = stack.lock();
            if (holder.isPresent()) {
                err.println("cadenza dev: another dev stack (pid " + holder.get() + ") is running on "
                        + options.dataDir() + ". Stop it first, or pass another --data-dir.");
                return 1;
            }
            for (String leftover : stack.stopLeftovers()) {
                out.println("Stopped " + leftover + ", left running by a previous run");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stack.stop(out), "cadenza-dev-shutdown"));
            stack.start(out);
            if (stack.isStopping()) {
                return 0; // Ctrl-C during startup: the shutdown hook stops what was started
            }
            out.println();
            stack.banner().forEach(out::println);
            extraBanner.get().forEach(out::println);
            out.flush();

            Optional<DevStack.Exit> exit = stack.awaitUnexpectedExit();
            if (exit.isEmpty()) {
                return 0;
            }
            DevService failed = exit.get().service();
            err.println();
            err.println(failed.name() + " stopped unexpectedly (" + exit.get().reason() + "). Last lines of "
                    + failed.logFile() + ":");
            err.println(LogTail.lastLines(failed.logFile(), TAIL_LINES));
            stack.stop(out);
            return 1;
        } catch (IOException | RuntimeException e) {
            if (stack.isStopping()) {
                return 0; // a start interrupted by Ctrl-C fails; that is not an error
            }
            err.println("cadenza dev: " + e.getMessage());
            stack.stop(out);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stack.stop(out);
            return 1;
        }
    }

    /** Library INFO logs (zonky's every step) drown the banner; warnings still show. -D flags still override. */
    private static void quietLibraryLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
