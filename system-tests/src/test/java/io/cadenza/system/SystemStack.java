package io.cadenza.system;

import io.cadenza.devstack.CadenzaTopology;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The whole hosted Cadenza, started once per test JVM (failsafe runs every system test in one JVM) and stopped
 * when the JVM exits: PostgreSQL, Keycloak, cells cell-1 and cell-2, the control plane and the gateway, on free
 * free ports, in the dev default's configuration (README command 1): namespace {@code default} is usable without a
 * key (loopback only) and the control plane bootstraps the dev account and API key. Every tenant namespace the tests
 * create needs real credentials.
 */
public final class SystemStack {

    private static CadenzaTopology topology;
    private static RuntimeException startFailure;

    private SystemStack() {
    }

    /** The running stack; the first call starts it (a minute or two). */
    public static synchronized CadenzaTopology get() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (topology == null) {
            Path home = Path.of(System.getProperty("cadenza.home", "..")).toAbsolutePath().normalize();
            Path dataDir = Path.of(System.getProperty("cadenza.system.data-dir", "target/stack"))
                    .toAbsolutePath().normalize();
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);
            try {
                // -Dcadenza.system.cell-instances=N runs every cell as N data-plane instances over its database.
                int instances = Integer.getInteger("cadenza.system.cell-instances", 1);
                CadenzaTopology started = CadenzaTopology.create(new CadenzaTopology.Settings(home, dataDir,
                        CadenzaTopology.Ports.free(instances), true, instances));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> started.stop(System.out), "stop-stack"));
                started.start(out);
                topology = started;
            } catch (IOException | RuntimeException e) {
                startFailure = new IllegalStateException("the Cadenza stack did not start:\n"
                        + progress.toString(StandardCharsets.UTF_8) + "\n" + e.getMessage(), e);
                throw startFailure;
            } finally {
                System.out.print(progress.toString(StandardCharsets.UTF_8));
            }
        }
        return topology;
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
