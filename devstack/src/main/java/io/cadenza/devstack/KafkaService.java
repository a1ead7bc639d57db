package io.cadenza.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The dev stack's Kafka broker ({@link KafkaServer}): state in {@code <data-dir>/kafka}, topic
 * {@code cadenza.usage}. Started before the cells, which publish usage events to it.
 */
final class KafkaService implements DevService {

    private final KafkaServer.Settings settings;
    /** Completes when the broker exits without being asked to (a {@link #restart} is asked for). */
    private final CompletableFuture<String> unexpectedExit = new CompletableFuture<>();
    private Consumer<ProcessHandle> recordSpawned = p -> { };
    private volatile KafkaServer server;
    /** Known before {@link #server} (which exists once ready), so that Ctrl-C during startup can stop it. */
    private volatile ProcessHandle spawned;
    private volatile boolean stopping;

    KafkaService(KafkaServer.Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public synchronized void start(Consumer<ProcessHandle> recordSpawned) throws IOException {
        this.recordSpawned = recordSpawned;
        stopping = false;
        server = null;
        KafkaServer started = KafkaServer.start(settings, handle -> {
            spawned = handle;
            recordSpawned.accept(handle);
        });
        server = started;
        started.process().onExit().thenAccept(code -> {
            if (!stopping && server == started) {
                unexpectedExit.complete("exit code " + code);
            }
        });
    }

    /** Stops the broker (SIGTERM, or SIGKILL when {@code crash}) and starts it again on the same state and port. */
    synchronized void restart(boolean crash) throws IOException {
        KafkaServer current = server;
        stopping = true;
        if (current != null) {
            if (crash) {
                current.kill();
            } else {
                current.close();
            }
        }
        start(recordSpawned);
    }

    /** Stops the broker until {@link #restart} (a broker outage, for tests). */
    synchronized void stopForNow() {
        stop();
    }

    /** Not synchronized: Ctrl-C may stop the broker while {@link #start} waits for it. */
    @Override
    public void stop() {
        stopping = true;
        KafkaServer current = server;
        ProcessHandle early = spawned;
        if (current != null) {
            current.close();
        } else if (early != null) {
            Processes.terminate(early, java.time.Duration.ofSeconds(20));
        }
    }

    @Override
    public CompletableFuture<String> onExit() {
        return unexpectedExit;
    }

    @Override
    public Path logFile() {
        return settings.logFile();
    }

    String bootstrapServers() {
        return "127.0.0.1:" + settings.port();
    }

    @Override
    public List<String> describe() {
        return List.of(String.format("Kafka                   %s  (topic %s)", bootstrapServers(),
                KafkaServer.USAGE_TOPIC));
    }
}
