package io.cadenza.devstack;

import java.nio.file.Path;

/**
 * A stand-in for a JVM that owns a {@link PostgresServer} and then dies without cleaning up: the test starts it as a
 * separate process and kills it with SIGKILL.
 */
public final class PostgresServerOwner {

    public static void main(String[] args) throws Exception {
        PostgresServer server = PostgresServer.start(Path.of(args[0]), 0);
        System.out.println("READY " + server.port() + " " + server.pid());
        System.out.flush();
        // Never returns: the test kills this JVM.
        Thread.currentThread().join();
    }
}
