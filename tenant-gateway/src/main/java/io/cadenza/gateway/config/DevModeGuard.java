package io.cadenza.gateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Dev mode (unauthenticated access to namespace {@code default}) is only allowed on a loopback address. */
public final class DevModeGuard {

    private DevModeGuard() {
    }

    /** @throws IllegalStateException with an explanation when dev mode is on and the host is not loopback */
    public static void check(boolean devMode, String host) {
        if (!devMode) {
            return;
        }
        if (!isLoopback(host)) {
            throw new IllegalStateException("cadenza.gateway.dev-mode=true lets unauthenticated callers use "
                    + "namespace 'default' and is only allowed when listening on loopback, but "
                    + "cadenza.gateway.host=" + host + "; set the host to 127.0.0.1 or turn dev mode off");
        }
    }

    static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
