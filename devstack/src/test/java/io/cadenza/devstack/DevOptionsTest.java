package io.cadenza.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class DevOptionsTest {

    private static final Path HOME = Path.of("/home/dev");

    @Test
    void defaultsToTheDevDirectoryInTheUserHomeAndTheTemporalPort() throws Exception {
        DevOptions options = DevOptions.parse(List.of(), HOME);

        assertThat(options).isEqualTo(new DevOptions(Path.of("/home/dev/.cadenza/dev"), 7233, 55432, false, false));
    }

    @Test
    void takesValuesAsTheNextArgumentOrAfterEquals() throws Exception {
        DevOptions options = DevOptions.parse(
                List.of("--data-dir", "/srv/x", "--port=7000", "--pg-port", "7002"), HOME);

        assertThat(options).isEqualTo(new DevOptions(Path.of("/srv/x"), 7000, 7002, false, false));
    }

    @Test
    void takesTheFlagsOfTheEngineOnlyStackAndOfRequiredAuthentication() throws Exception {
        DevOptions options = DevOptions.parse(List.of("--engine-only", "--require-auth"), HOME);

        assertThat(options.engineOnly()).isTrue();
        assertThat(options.requireAuth()).isTrue();
    }

    @Test
    void takesTheNumberOfInstancesPerCell() throws Exception {
        assertThat(DevOptions.parse(List.of(), HOME).cellInstances()).isEqualTo(1);
        assertThat(DevOptions.parse(List.of("--cell-instances", "3"), HOME).cellInstances()).isEqualTo(3);
        assertThat(DevOptions.parse(List.of("--cell-instances=2"), HOME).cellInstances()).isEqualTo(2);
        assertThatThrownBy(() -> DevOptions.parse(List.of("--cell-instances", "0"), HOME))
                .hasMessageContaining("from 1 to 5");
        assertThatThrownBy(() -> DevOptions.parse(List.of("--cell-instances", "6"), HOME))
                .hasMessageContaining("from 1 to 5");
    }

    @Test
    void rejectsUnknownOptionsMissingValuesAndBadPorts() {
        assertThatThrownBy(() -> DevOptions.parse(List.of("--verbose"), HOME)).hasMessageContaining("unknown");
        assertThatThrownBy(() -> DevOptions.parse(List.of("--port"), HOME)).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> DevOptions.parse(List.of("--port", "0"), HOME)).hasMessageContaining("port number");
        assertThatThrownBy(() -> DevOptions.parse(List.of("--pg-port", "7233"), HOME)).hasMessageContaining("differ");
        assertThatThrownBy(() -> DevOptions.parse(List.of("--pg-port", "7234"), HOME)).hasMessageContaining("health");
        assertThatThrownBy(() -> DevOptions.parse(List.of("--port", "65535"), HOME)).hasMessageContaining("health");
    }
}
