package io.cadenza.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Finds free TCP ports on the loopback interface, where every dev-stack service listens. */
public final class FreePort {

    private FreePort() {
    }

    /** Where dev-stack ports come from: below the kernel's ephemeral range (see {@link #find}). */
    static final Range RANGE = Range.belowEphemeral(readEphemeralRange());

    /** Ports {@code low..high}, inclusive. */
    record Range(int low, int high) {

        /**
         * The ports below the kernel's ephemeral range, down to 10000; null when that range starts too low to leave
         * room (then the kernel picks, as before).
         */
        static Range belowEphemeral(int[] ephemeral) {
            int high = ephemeral == null ? 32767 : ephemeral[0] - 1;
            return high - 10000 >= 1000 ? new Range(10000, high) : null;
        }
    }

    /**
     * A port that was free on 127.0.0.1 a moment ago, chosen at random below the kernel's ephemeral range
     * ({@code /proc/sys/net/ipv4/ip_local_port_range}, 32768-60999 by default). Ports the kernel assigns by itself
     * (another service's listener on port 0, any outbound connection) come from that range, so none of them can take
     * a stack port between this call and the service binding it; a port from bind(0) could be taken that way, and
     * was (a dashboard found its port held by another service of the stack). Another process may still bind the
     * port on purpose; every service fails loudly when its port is taken.
     */
    public static int find() {
        if (RANGE != null) {
            java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = random.nextInt(RANGE.low(), RANGE.high() + 1);
                if (isFree(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }

    /** The kernel's ephemeral port range, or null where it cannot be read (not Linux). */
    private static int[] readEphemeralRange() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of(
                    "/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The first of {@code count} consecutive ports that were all free on 127.0.0.1 a moment ago, for services that
     * take a block of ports (a data-plane cell: gRPC, then HTTP on the next port).
     */
    public static int findConsecutive(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = find();
            if (first + count - 1 > 65535) {
                continue;
            }
            boolean allFree = true;
            for (int port = first + 1; port < first + count && allFree; port++) {
                allFree = isFree(port);
            }
            if (allFree) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports on the loopback interface");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether something accepts connections on 127.0.0.1:{@code port} right now. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
