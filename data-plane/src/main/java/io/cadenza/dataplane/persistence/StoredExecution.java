package io.cadenza.dataplane.persistence;

/** A run's row as stored: serialized mutable state and the version guarding updates. */
public record StoredExecution(byte[] state, long dbVersion, int shardId) {
}
