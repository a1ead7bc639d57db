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
