package io.cadenza.devstack;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code cadenza dev}.
 *
 * @param dataDir where all state lives
 * @param port    the Temporal gRPC endpoint on 127.0.0.1 (the data plane's health endpoint takes the next port)
 * @param pgPort  the embedded PostgreSQL on 127.0.0.1
 * @param engineOnly  run only PostgreSQL and one data-plane cell serving {@code port} directly, without Keycloak,
 *                    control plane or gateway (no authentication; for engine work and benchmarks)
 * @param requireAuth turn off the dev default's unauthenticated access to namespace {@code default}
 * @param cellInstances data-plane instances per cell (sharing the cell's database and its shards)
 */
record DevOptions(Path dataDir, int port, int pgPort, boolean engineOnly, boolean requireAuth, int cellInstances) {

    DevOptions(Path dataDir, int port, int pgPort, boolean engineOnly, boolean requireAuth) {
        this(dataDir, port, pgPort, engineOnly, requireAuth, 1);
    }

    /** Each instance takes two ports after the cell's base port; 5 fit between the dev cells' default ports. */
    static final int MAX_CELL_INSTANCES = 5;

    static final int DEFAULT_PORT = 7233;
    static final int DEFAULT_PG_PORT = 55432;

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: cadenza dev [--data-dir DIR] [--port PORT] [--pg-port PORT] [--require-auth] [--engine-only]",
            "                  [--cell-instances N]",
            "       cadenza help",
            "",
            "Runs the Cadenza dev stack in the foreground: embedded PostgreSQL, a Kafka broker (127.0.0.1:9092),",
            "Keycloak, two data-plane cells, the control plane and the tenant gateway. Ctrl-C stops it.",
            "",
            "  --data-dir DIR   where all state lives, kept across restarts (default ~/.cadenza/dev)",
            "  --port PORT      Temporal gRPC endpoint (the gateway) on 127.0.0.1 (default " + DEFAULT_PORT + ")",
            "  --pg-port PORT   embedded PostgreSQL on 127.0.0.1 (default " + DEFAULT_PG_PORT + ")",
            "  --require-auth   no unauthenticated access to namespace default (it is allowed by default,",
            "                   like temporal server start-dev; loopback only)",
            "  --engine-only    only PostgreSQL and one data-plane cell serving PORT directly (health on PORT+1),",
            "                   no Keycloak, control plane or gateway, no authentication",
            "  --cell-instances N  data-plane instances per cell (default 1, at most " + 5 + "), sharing the",
            "                   cell's database and shards; each has its own log and pid file");

    /** Thrown for arguments that do not parse; the message says which. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses the arguments after {@code dev}. Options take their value as the next argument or after {@code =}.
     *
     * @param userHome the default data directory is {@code <userHome>/.cadenza/dev}
     */
    static DevOptions parse(List<String> args, Path userHome) throws UsageException {
        Path dataDir = userHome.resolve(".cadenza").resolve("dev");
        int port = DEFAULT_PORT;
        int pgPort = DEFAULT_PG_PORT;
        boolean engineOnly = false;
        boolean requireAuth = false;
        int cellInstances = 1;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (arg.equals("--engine-only")) {
                engineOnly = true;
                continue;
            }
            if (arg.equals("--require-auth")) {
                requireAuth = true;
                continue;
            }
            if (!List.of("--data-dir", "--port", "--pg-port", "--cell-instances").contains(name)) {
                throw new UsageException("unknown argument: " + arg);
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(name + " needs a value");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--data-dir" -> dataDir = Path.of(value);
                case "--port" -> port = parsePort(name, value);
                case "--cell-instances" -> cellInstances = parseInstances(value);
                default -> pgPort = parsePort(name, value);
            }
        }
        if (port == 65535) {
            throw new UsageException("--port must leave room for the health port after it");
        }
        if (pgPort == port || pgPort == port + 1) {
            throw new UsageException("--pg-port must differ from --port and --port + 1 (the health port)");
        }
        return new DevOptions(dataDir.toAbsolutePath().normalize(), port, pgPort, engineOnly, requireAuth,
                cellInstances);
    }

    private static int parseInstances(String value) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_CELL_INSTANCES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--cell-instances must be a number from 1 to " + MAX_CELL_INSTANCES + ", got: "
                + value);
    }

    private static int parsePort(String name, String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " must be a port number (1-65535), got: " + value);
    }
}
