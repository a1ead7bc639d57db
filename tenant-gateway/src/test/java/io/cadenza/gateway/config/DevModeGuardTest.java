package io.cadenza.gateway.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DevModeGuardTest {

    @Test
    void dev_mode_on_loopback_is_allowed() {
        assertThatCode(() -> DevModeGuard.check(true, "127.0.0.1")).doesNotThrowAnyException();
        assertThatCode(() -> DevModeGuard.check(true, "localhost")).doesNotThrowAnyException();
        assertThatCode(() -> DevModeGuard.check(true, "::1")).doesNotThrowAnyException();
    }

    @Test
    void dev_mode_on_any_other_address_refuses_to_start() {
        assertThatThrownBy(() -> DevModeGuard.check(true, "0.0.0.0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cadenza.gateway.dev-mode=true").hasMessageContaining("0.0.0.0");
        assertThatThrownBy(() -> DevModeGuard.check(true, "10.1.2.3")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DevModeGuard.check(true, "no-such-host.invalid"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void without_dev_mode_any_host_is_fine() {
        assertThatCode(() -> DevModeGuard.check(false, "0.0.0.0")).doesNotThrowAnyException();
    }
}
