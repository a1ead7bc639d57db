package io.cadenza.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A Quarkus application of ours (control plane, tenant gateway) run from its {@code quarkus-run.jar} as a separate
 * process, configured with {@code -D} properties (secrets go in the environment), ready when its health URL
 * answers 200.
 */
final class JavaAppService implements DevService, Crashable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final Path jar;
    private final String heap;
    private final Supplier<Map<String, String>> properties;
    private final Supplier<Map<String, String>> environment;
    private final URI readyUrl;
    private final List<Integer> ports;
    private final Path logFile;
    private final List<String> banner;
    private volatile ManagedProcess process;
    private volatile ProcessHandle spawned;

    /**
     * @param properties  system properties, computed at start (they may depend on services started before)
     * @param environment environment variables, computed at start
     */
    JavaAppService(String name, Path jar, String heap, Supplier<Map<String, String>> properties,
                   Supplier<Map<String, String>> environment, URI readyUrl, List<Integer> ports, Path logFile,
                   List<String> banner) {
        this.name = name;
        this.jar = jar;
        this.heap = heap;
        this.properties = properties;
        this.environment = environment;
        this.readyUrl = readyUrl;
        this.ports = List.copyOf(ports);
        this.logFile = logFile;
        this.banner = List.copyOf(banner);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(Consumer<ProcessHandle> recordSpawned) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(name + " is not built: " + jar + " is missing (./mvnw -B -DskipTests package)");
        }
        List<String> command = new ArrayList<>();
        command.add(ManagedProcess.javaExecutable());
        command.add("-Xmx" + heap);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Ddevstack.service=" + name); // lets a later run recognise a leftover process
        properties.get().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        process = ManagedProcess.start(new ManagedProcess.Settings(name, command, environment.get(),
                jar.getParent(), readyUrl, READY_TIMEOUT, logFile, ports), handle -> {
                    spawned = handle;
                    recordSpawned.accept(handle);
                });
    }

    ManagedProcess process() {
        return process;
    }

    @Override
    public void crash() {
        ManagedProcess current = process;
        if (current != null && current.toHandle().isAlive()) {
            current.kill();
        }
    }

    @Override
    public void stop() {
        ProcessHandle early = spawned;
        ManagedProcess current = process;
        if (current != null) {
            current.close();
        } else if (early != null) {
            Processes.terminate(early, Duration.ofSeconds(20)); // Ctrl-C while it was starting
        }
    }

    @Override
    public CompletableFuture<String> onExit() {
        return process.onExit().thenApply(code -> "exit code " + code);
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public List<String> describe() {
        return banner;
    }
}
