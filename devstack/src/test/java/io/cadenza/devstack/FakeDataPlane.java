package io.cadenza.devstack;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for quarkus-run.jar in the devstack tests: reports the settings it received, then serves
 * {@code /q/health/ready} on {@code cadenza.http.port} after a short "startup" and holds {@code cadenza.grpc.port}
 * open as the real cell would. Uses only JDK classes, so it runs from a one-class jar.
 */
public final class FakeDataPlane {

    public static void main(String[] args) throws Exception {
        System.out.println("cell=" + System.getProperty("cadenza.cell-id")
                + " jdbc=" + System.getProperty("quarkus.datasource.jdbc.url")
                + " reactive=" + System.getProperty("quarkus.datasource.reactive.url")
                + " user=" + System.getProperty("quarkus.datasource.username")
                + " password=" + System.getenv("QUARKUS_DATASOURCE_PASSWORD")
                + " host=" + System.getProperty("cadenza.grpc.host")
                + " grpc=" + System.getProperty("cadenza.grpc.port")
                + " http=" + System.getProperty("cadenza.http.port")
                + " extra=" + System.getProperty("fake.extra"));
        System.out.flush();
        if (Boolean.getBoolean("fake.fail")) {
            System.out.println("boom: cannot start");
            System.exit(3);
        }
        // Simulated startup time, so that the readiness probe has to poll.
        Thread.sleep(Long.getLong("fake.startup.millis", 500));
        ServerSocket grpc = new ServerSocket();
        grpc.bind(new InetSocketAddress("127.0.0.1", Integer.getInteger("cadenza.grpc.port")));
        HttpServer server = HttpServer.create(
                new InetSocketAddress("127.0.0.1", Integer.getInteger("cadenza.http.port")), 0);
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
