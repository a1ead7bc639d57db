package io.cadenza.devstack;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code cadenza dev}.
 *
 * @param dataDir where all state lives
 * @param port    the Temporal gRPC endpoint on 127.0.0.1 (the data plane's health endpoint takes the next port)
 * @param pgPort  the embedded PostgreSQL on 127.0.0.1
 */
record DevOptions(Path dataDir, int port, int pgPort) {

    static final int DEFAULT_PORT = 7233;
    static final int DEFAULT_PG_PORT = 55432;

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: cadenza dev [--data-dir DIR] [--port PORT] [--pg-port PORT]",
            "       cadenza help",
            "",
            "Runs the Cadenza dev stack in the foreground; Ctrl-C stops it.",
            "",
            "  --data-dir DIR   where all state lives, kept across restarts (default ~/.cadenza/dev)",
            "  --port PORT      Temporal gRPC endpoint on 127.0.0.1 (default " + DEFAULT_PORT + ");",
            "                   the data plane's health endpoint takes PORT+1",
            "  --pg-port PORT   embedded PostgreSQL on 127.0.0.1 (default " + DEFAULT_PG_PORT + ")");

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
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (!List.of("--data-dir", "--port", "--pg-port").contains(name)) {
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
                default -> pgPort = parsePort(name, value);
            }
        }
        if (port == 65535) {
            throw new UsageException("--port must leave room for the health port after it");
        }
        if (pgPort == port || pgPort == port + 1) {
            throw new UsageException("--pg-port must differ from --port and --port + 1 (the health port)");
        }
        return new DevOptions(dataDir.toAbsolutePath().normalize(), port, pgPort);
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
