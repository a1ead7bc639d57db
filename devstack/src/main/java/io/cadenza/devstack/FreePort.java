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

    /**
     * A port that was free on 127.0.0.1 a moment ago. Another process may take it before the caller binds it; the dev
     * stack accepts that small race because every service fails loudly when its port is taken.
     */
    public static int find() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
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
