package io.cadenza.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortTest {

    @Test
    void portsComeFromBelowTheEphemeralRange() throws Exception {
        int port = FreePort.find();

        assertThat(FreePort.RANGE).isNotNull();
        assertThat(port).isBetween(FreePort.RANGE.low(), FreePort.RANGE.high());
        // and it can be bound
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    @Test
    void theRangeEndsBelowTheEphemeralRangeAndNeedsRoom() {
        assertThat(FreePort.Range.belowEphemeral(new int[] {32768, 60999}))
                .isEqualTo(new FreePort.Range(10000, 32767));
        assertThat(FreePort.Range.belowEphemeral(null)).isEqualTo(new FreePort.Range(10000, 32767));
        // a kernel handing out ports from 1024 leaves no room: the kernel picks then
        assertThat(FreePort.Range.belowEphemeral(new int[] {1024, 65535})).isNull();
    }

    @Test
    void consecutivePortsAreFree() {
        int first = FreePort.findConsecutive(2);

        assertThat(FreePort.isListening(first)).isFalse();
        assertThat(FreePort.isListening(first + 1)).isFalse();
    }
}
