package io.cadenza.terraform.framework;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrivateStateTest {
    @Test
    void tellsWhetherAResourceWasCreatedRecently() {
        long now = System.currentTimeMillis();
        assertThat(PrivateState.createdWithin(PrivateState.created(now - 1_000), 60_000)).isTrue();
        assertThat(PrivateState.createdWithin(PrivateState.created(now - 120_000), 60_000)).isFalse();
        // imported resources and other providers' bytes carry no creation time
        assertThat(PrivateState.createdWithin(ByteString.EMPTY, 60_000)).isFalse();
        assertThat(PrivateState.createdWithin(ByteString.copyFromUtf8("{\"createdAtMillis\":x}"), 60_000)).isFalse();
    }
}
