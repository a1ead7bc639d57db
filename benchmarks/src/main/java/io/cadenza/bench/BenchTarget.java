package io.cadenza.bench;

/** A Temporal-compatible server to benchmark, running for as long as the object is open. */
interface BenchTarget extends AutoCloseable {

    /** The label in the output, e.g. {@code cadenza}. */
    String name();

    /** The gRPC {@code host:port} that workers and clients connect to. */
    String address();

    /** Stops what the target started; a no-op for a server that was already running. */
    @Override
    void close();
}
