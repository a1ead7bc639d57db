package io.cadenza.devstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries) on a persistent data directory, listening on 127.0.0.1 only.
 *
 * <p>Restarting on the same directory keeps all data. Starting also recovers from a previous owner that was killed
 * with SIGKILL: a stale {@code postmaster.pid} is removed and an orphaned postmaster is stopped first (see
 * {@link StalePostmaster}). A directory in use by a live {@code PostgresServer}, in this JVM or another one, is never
 * touched: {@link #start} fails instead.
 *
 * <p>The server trusts local connections (zonky runs {@code initdb -A trust}); {@link #password()} is accepted but not
 * checked. The caller owns the lifecycle: no shutdown hook is registered, because the dev stack must stop the services
 * that use the database before the database itself.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    /** zonky's own lock file inside the data directory, held (as an OS file lock) while its server runs. */
    private static final String ZONKY_LOCK = "epg-lock";
    /** Crash recovery after SIGKILL replays WAL before the server accepts connections; give it time. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    /** A fast shutdown writes a checkpoint first, which can outlast zonky's 5 s {@code pg_ctl stop} timeout. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);
    /** CREATE DATABASE cannot take a bind parameter, so names are restricted to plain identifiers. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** Data directories served by this JVM: file locks cannot tell us, they are per process. */
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final long pid;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir, Path logFile, int port, long pid) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.port = port;
        this.pid = pid;
    }

    /**
     * Starts PostgreSQL on {@code dataDir} (created and initialised when empty or missing), logging to
     * {@code <dataDir>.log} next to it.
     *
     * @param port the TCP port on 127.0.0.1, or 0 for a free one
     */
    public static PostgresServer start(Path dataDir, int port) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        return start(dir, port, dir.resolveSibling(dir.getFileName() + ".log"));
    }

    /**
     * Starts PostgreSQL on {@code dataDir}, appending the server's output to {@code logFile}. The log cannot live
     * inside the data directory: initdb refuses a directory that is not empty.
     *
     * @param port the TCP port on 127.0.0.1, or 0 for a free one
     */
    public static PostgresServer start(Path dataDir, int port, Path logFile) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Path key = dir.toRealPath();
        if (!IN_USE.add(key)) {
            throw new IllegalStateException(dir + " is already served by a PostgresServer in this JVM");
        }
        try {
            requireDataDirectoryOrEmpty(dir);
            requireNoLiveOwnerProcess(dir);
            StalePostmaster.clear(dir);
            int actualPort = port == 0 ? FreePort.find() : port;
            EmbeddedPostgres postgres = builder(dir, actualPort, logFile).start();
            long pid = StalePostmaster.readPid(dir.resolve("postmaster.pid"))
                    .orElseThrow(() -> new IOException("PostgreSQL started but wrote no postmaster.pid in " + dir));
            LOG.info("PostgreSQL (pid {}) on 127.0.0.1:{}, data in {}", pid, actualPort, dir);
            return new PostgresServer(postgres, key, logFile, actualPort, pid);
        } catch (IOException | RuntimeException e) {
            IN_USE.remove(key);
            throw e;
        }
    }

    private static EmbeddedPostgres.Builder builder(Path dir, int port, Path logFile) {
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT)
                // The server inherits these: a file, unlike zonky's default pipe, outlives this JVM.
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                // C collation sorts by bytes, like CockroachDB, and does not depend on the machine's locales.
                .setLocaleConfig("locale", "C")
                // zonky passes -F (fsync off) and synchronous_commit=off; a durable engine needs both on. The later
                // -c fsync=on overrides -F on the postmaster command line.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "128MB")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // TCP only: a Unix socket would go to /tmp, where its lock file could clash with other servers.
                .setServerConfig("unix_socket_directories", "");
    }

    /** initdb only runs on an empty directory; a half-initialised one (initdb killed) needs a human decision. */
    private static void requireDataDirectoryOrEmpty(Path dir) throws IOException {
        if (Files.exists(dir.resolve("PG_VERSION"))) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IOException(dir + " is neither empty nor a PostgreSQL data directory (interrupted initdb?);"
                        + " delete it to start afresh");
            }
        }
    }

    /**
     * zonky holds an OS lock on {@code epg-lock} while its server runs; a lock we cannot take means another live
     * process owns the directory, and its postmaster is not an orphan.
     */
    private static void requireNoLiveOwnerProcess(Path dir) throws IOException {
        Path lockFile = dir.resolve(ZONKY_LOCK);
        if (!Files.exists(lockFile)) {
            return;
        }
        // Safe to open and close here: this JVM holds no lock on the file (IN_USE), so closing cannot drop one.
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException(dir + " is in use by a PostgreSQL server of another running process");
            }
        } catch (OverlappingFileLockException e) {
            // zonky leaves its lock held when its constructor fails (e.g. the port was taken); only a new JVM frees it.
            throw new IllegalStateException(dir + " is still locked by a failed start in this JVM", e);
        }
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The postmaster's pid, as recorded in {@code postmaster.pid}. */
    public long pid() {
        return pid;
    }

    /** The data directory (absolute, symbolic links resolved). */
    public Path dataDir() {
        return dataDir;
    }

    /** The file the server's output is appended to. */
    public Path logFile() {
        return logFile;
    }

    /** The superuser to connect as. */
    public String username() {
        return USER;
    }

    /** The password to send; the server trusts local connections, so it only matters to clients that require one. */
    public String password() {
        return PASSWORD;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>} */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** {@code postgresql://127.0.0.1:<port>/<database>}, the form Quarkus' reactive client takes. */
    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Creates the database unless it exists.
     *
     * @param name a plain lower-case SQL identifier
     * @throws IllegalArgumentException for any other name
     * @throws IllegalStateException when the server cannot be reached
     */
    public void createDatabaseIfMissing(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lower-case identifier: " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD)) {
            String query = "SELECT 1 FROM pg_database WHERE datname = ?";
            try (PreparedStatement exists = connection.prepareStatement(query)) {
                exists.setString(1, name);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name + "\"");
            }
        } catch (SQLException e) {
            // 42P04 duplicate_database: another caller created it between our check and our CREATE.
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("could not create database " + name + " on port " + port, e);
            }
        }
    }

    /** Stops the server with a fast shutdown (clients are disconnected, a checkpoint is written). Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (!Processes.isRunning(pid)) {
            // Killed from outside: zonky's pg_ctl stop will fail (and log it); closing still releases its lock.
            LOG.info("PostgreSQL (pid {}) is already gone", pid);
        }
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("pg_ctl stop failed for {}", dataDir, e);
        }
        // zonky gives pg_ctl 5 s and then only logs; make sure the postmaster is really gone before we report done.
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            if (!Processes.awaitExit(postmaster, SHUTDOWN_WAIT)) {
                LOG.warn("PostgreSQL (pid {}) did not stop within {}; killing it", pid, SHUTDOWN_WAIT);
                Processes.kill(postmaster);
            }
        });
        IN_USE.remove(dataDir);
    }

    @Override
    public String toString() {
        return "PostgresServer[127.0.0.1:" + port + ", pid " + pid + ", " + dataDir + "]";
    }
}
