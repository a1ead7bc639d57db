package io.cadenza.terraform.framework;

import com.google.protobuf.ByteString;

import java.nio.charset.StandardCharsets;

/**
 * The provider's private state (bytes Terraform stores with a resource and hands back, never shown): here the
 * time the resource was created, so that a read shortly after creation can tell "not visible yet" from "deleted".
 */
final class PrivateState {
    private static final String PREFIX = "{\"createdAtMillis\":";

    private PrivateState() {
    }

    static ByteString created(long epochMillis) {
        return ByteString.copyFrom(PREFIX + epochMillis + "}", StandardCharsets.UTF_8);
    }

    static boolean createdWithin(ByteString state, long millis) {
        String s = state.toString(StandardCharsets.UTF_8);
        if (!s.startsWith(PREFIX) || !s.endsWith("}")) {
            return false;
        }
        try {
            long at = Long.parseLong(s.substring(PREFIX.length(), s.length() - 1));
            return System.currentTimeMillis() - at < millis;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A pause between bounded re-reads (the caller holds the deadline). */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
