package io.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SoakOptionsTest {

    @Test
    void defaultsTo2000WorkflowsWith100InFlightOnItsOwnCadenza() {
        assertThat(SoakOptions.parse(new String[0]))
                .isEqualTo(new SoakOptions(2000, 100, Optional.empty(), 900, false, 0, 0));
    }

    @Test
    void takesBothValueForms() {
        assertThat(SoakOptions.parse(new String[] {"--workflows=20_000", "--concurrency", "50",
                "--cadenza-address", "127.0.0.1:7233", "--timeout-seconds=60"}))
                .isEqualTo(new SoakOptions(20_000, 50, Optional.of("127.0.0.1:7233"), 60, false, 0, 0));
        assertThat(SoakOptions.parse(new String[] {"--kill-after", "500"}).killAfter()).isEqualTo(500);
        assertThat(SoakOptions.parse(new String[] {"--replace-worker-after=700"}).replaceWorkerAfter())
                .isEqualTo(700);
        assertThat(SoakOptions.parse(new String[] {"--target", "testserver"}).testServer()).isTrue();
    }

    @Test
    void rejectsWhatItCannotRun() {
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--rate", "5"}))
                .hasMessageContaining("unknown argument");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--workflows", "0"}))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--cadenza-address", "localhost"}))
                .hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--target", "temporal"}))
                .hasMessageContaining("cadenza or testserver");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--target", "testserver", "--cadenza-address",
                "127.0.0.1:7233"})).hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--kill-after", "10", "--target", "testserver"}))
                .hasMessageContaining("needs the data plane this run starts");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--kill-after", "2000"}))
                .hasMessageContaining("below --workflows");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--replace-worker-after", "2000"}))
                .hasMessageContaining("below --workflows");
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--concurrency"}))
                .hasMessageContaining("needs a value");
    }
}
