package io.cadenza.bench;

import io.cadenza.devstack.FreePort;
import io.temporal.testserver.TestServer;

/**
 * Temporal's own in-memory test server, bound to a free port in this JVM: the reference the Cadenza figures are
 * compared with. It shares this JVM's CPUs with the worker and the client, as Cadenza shares the machine.
 */
final class TestServerTarget implements BenchTarget {

    private final TestServer.PortBoundTestServer server;
    private final int port;

    private TestServerTarget(TestServer.PortBoundTestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static TestServerTarget start() {
        int port = FreePort.find();
        return new TestServerTarget(TestServer.createPortBoundServer(port), port);
    }

    /**
     * A fresh, empty test server on a new port. The in-memory server keeps every history it ever ran and slows
     * down as they pile up (from about 190 to 120-170 workflows/s over 13,000 workflows on the 2-core machine), so
     * it is measured empty, after the warm-up has compiled this JVM: the reference at its best.
     */
    @Override
    public BenchTarget afterWarmup() {
        close();
        return start();
    }

    @Override
    public String name() {
        return BenchOptions.Target.TESTSERVER.label();
    }

    @Override
    public String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.close();
    }
}
