package io.cadenza.devstack;

import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for quarkus-run.jar in {@link DataPlaneProcessTest}: reports the settings it received, then serves
 * {@code /q/health/ready} after a short "startup". Uses only JDK classes, so it runs from a one-class jar.
 */
public final class FakeDataPlane {

    public static void main(String[] args) throws Exception {
        System.out.println("cell=" + System.getProperty("cadenza.cell.id")
                + " jdbc=" + System.getProperty("quarkus.datasource.jdbc.url")
                + " reactive=" + System.getProperty("quarkus.datasource.reactive.url")
                + " user=" + System.getProperty("quarkus.datasource.username")
                + " password=" + System.getenv("QUARKUS_DATASOURCE_PASSWORD")
                + " host=" + System.getProperty("quarkus.http.host")
                + " extra=" + System.getProperty("fake.extra"));
        System.out.flush();
        if (Boolean.getBoolean("fake.fail")) {
            System.out.println("boom: cannot start");
            System.exit(3);
        }
        // Simulated startup time, so that the readiness probe has to poll.
        Thread.sleep(Long.getLong("fake.startup.millis", 500));
        HttpServer server = HttpServer.create(
                new InetSocketAddress("127.0.0.1", Integer.getInteger("quarkus.http.port")), 0);
        server.createContext("/q/health/ready", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("graceful shutdown");
            server.stop(0);
        }));
    }
}
