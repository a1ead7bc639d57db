package io.cadenza.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    private static final String DB = "cadenza_test";

    @TempDir
    Path tmp;

    @Test
    void keepsCommittedRowsWhenThePostmasterIsKilledWithSigkill() throws Exception {
        // given a server with a committed row
        Path dataDir = tmp.resolve("pg");
        PostgresServer first = PostgresServer.start(dataDir, 0);
        first.createDatabaseIfMissing(DB);
        execute(first, "CREATE TABLE notes (text varchar PRIMARY KEY)");
        execute(first, "INSERT INTO notes VALUES ('survives sigkill')");
        long pid = StalePostmaster.readPid(dataDir.resolve("postmaster.pid")).orElseThrow();

        // when the postmaster dies with SIGKILL, leaving postmaster.pid behind
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        postmaster.destroyForcibly();
        assertThat(Processes.awaitExit(postmaster, Duration.ofSeconds(10))).isTrue();
        assertThat(dataDir.resolve("postmaster.pid")).exists();
        first.close(); // releases zonky's lock in this JVM; its pg_ctl stop finds nothing to stop

        // then a new server on the same directory starts, with the row
        try (PostgresServer second = PostgresServer.start(dataDir, 0)) {
            assertThat(second.pid()).isNotEqualTo(pid);
            assertThat(notes(second)).containsExactly("survives sigkill");
        }
    }

    @Test
    void stopsAnOrphanedPostmasterLeftByAJvmKilledWithSigkill() throws Exception {
        // given a JVM that started a server, wrote a row, and was killed with SIGKILL
        Path dataDir = tmp.resolve("pg");
        Process owner = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                PostgresServerOwner.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        long orphanPid = -1;
        try {
            String[] ready = ProcessOutput.of(owner).awaitLine("READY ", Duration.ofSeconds(90)).split(" ");
            int port = Integer.parseInt(ready[1]);
            orphanPid = Long.parseLong(ready[2]);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    "postgres", "postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE notes (text varchar PRIMARY KEY)");
                s.execute("INSERT INTO notes VALUES ('written by the killed owner')");
            }
            owner.destroyForcibly();
            assertThat(owner.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(Processes.isRunning(orphanPid)).as("postmaster outlives its JVM").isTrue();

            // when a new server starts on the same directory
            try (PostgresServer server = PostgresServer.start(dataDir, 0)) {

                // then the orphan was stopped and the data is there
                assertThat(Processes.isRunning(orphanPid)).isFalse();
                assertThat(server.pid()).isNotEqualTo(orphanPid);
                assertThat(query(server, "postgres", "SELECT text FROM notes"))
                        .containsExactly("written by the killed owner");
            }
        } finally {
            owner.destroyForcibly();
            if (orphanPid > 0) {
                ProcessHandle.of(orphanPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void runsWithDurableSettingsOnLoopbackOnly() throws Exception {
        try (PostgresServer server = PostgresServer.start(tmp.resolve("pg"), 0)) {
            assertThat(query(server, "postgres", "SHOW fsync")).containsExactly("on");
            assertThat(query(server, "postgres", "SHOW synchronous_commit")).containsExactly("on");
            assertThat(query(server, "postgres", "SHOW max_connections")).containsExactly("200");
            assertThat(query(server, "postgres", "SHOW shared_buffers")).containsExactly("128MB");
            assertThat(query(server, "postgres", "SHOW listen_addresses")).containsExactly("127.0.0.1");
            assertThat(server.jdbcUrl("x")).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/x");
            assertThat(server.reactiveUrl("x")).isEqualTo("postgresql://127.0.0.1:" + server.port() + "/x");
        }
    }

    @Test
    void createsADatabaseOnceAndRejectsNamesThatAreNotPlainIdentifiers() throws Exception {
        try (PostgresServer server = PostgresServer.start(tmp.resolve("pg"), 0)) {
            server.createDatabaseIfMissing(DB);
            server.createDatabaseIfMissing(DB);

            assertThat(query(server, "postgres", "SELECT datname FROM pg_database WHERE datname = '" + DB + "'"))
                    .containsExactly(DB);
            assertThatThrownBy(() -> server.createDatabaseIfMissing("x\"; DROP DATABASE postgres; --"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesADataDirectoryThatThisJvmAlreadyServes() throws Exception {
        Path dataDir = tmp.resolve("pg");
        try (PostgresServer server = PostgresServer.start(dataDir, 0)) {
            assertThatThrownBy(() -> PostgresServer.start(dataDir, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already served");
            assertThat(Processes.isRunning(server.pid())).isTrue();
        }
    }

    @Test
    void closeIsIdempotentAndStopsThePostmaster() throws Exception {
        PostgresServer server = PostgresServer.start(tmp.resolve("pg"), 0);
        server.close();
        server.close();

        assertThat(Processes.isRunning(server.pid())).isFalse();
        assertThat(FreePort.isListening(server.port())).isFalse();
    }

    private static void execute(PostgresServer server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(DB), server.username(), server.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> notes(PostgresServer server) throws SQLException {
        return query(server, DB, "SELECT text FROM notes");
    }

    private static List<String> query(PostgresServer server, String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(db), server.username(), server.password());
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
