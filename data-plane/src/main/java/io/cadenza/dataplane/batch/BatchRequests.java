package io.cadenza.dataplane.batch;

/**
 * Reads the request a batch job was stored with ({@code BatchStore.BatchJob#request}, written by the adapter that
 * started the job) as the operation to apply. Implemented by the adapter, which owns the request's format, so that
 * batch jobs run below it without knowing the protocol.
 */
public interface BatchRequests {

    BatchOperation operation(byte[] storedRequest);
}
