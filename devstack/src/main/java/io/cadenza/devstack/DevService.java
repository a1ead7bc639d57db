package io.cadenza.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One part of the dev stack. {@link DevStack} starts services in list order, so a service may use the ones before it
 * (the data plane uses PostgreSQL), and stops them in reverse order.
 *
 * <p>Adding a service (Keycloak, Kafka, another cell, ...) means implementing this interface and adding one entry
 * to the list in {@link DevMain}.
 */
interface DevService {

    /** A short name for messages and for {@code run/<name>.pid}, e.g. {@code postgres}, {@code data-plane}. */
    String name();

    /**
     * Starts the service and returns once it is ready.
     *
     * @param recordSpawned to be called with every OS process the service spawns, as soon as it exists, so that a
     *                      later run can stop it if this JVM dies without cleaning up. Services whose process cleans
     *                      up after itself on the next start (PostgreSQL) need not call it.
     */
    void start(Consumer<ProcessHandle> recordSpawned) throws IOException;

    /**
     * Stops the service and waits until it is gone. Must be idempotent and safe to call from another thread while
     * {@link #start} is still running (Ctrl-C during startup), and when the service never started.
     */
    void stop();

    /** Completes, with a short reason such as "exit code 1", when the running service's process exits. */
    CompletableFuture<String> onExit();

    /** Where the service logs. */
    Path logFile();

    /** Lines for the ready banner: how to reach the service. */
    List<String> describe();
}
