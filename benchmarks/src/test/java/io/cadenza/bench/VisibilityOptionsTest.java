package io.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VisibilityOptionsTest {

    @Test
    void defaultsTo100kExecutions200Repeats300WarmUpRoundsAnd20WarmUps() {
        assertThat(VisibilityOptions.parse(new String[0])).isEqualTo(new VisibilityOptions(100_000, 200, 300, 20));
    }

    @Test
    void takesBothValueForms() {
        assertThat(VisibilityOptions.parse(new String[] {"--executions=1_000", "--repeats", "5", "--warmup", "0",
                "--warmup-rounds=3"})).isEqualTo(new VisibilityOptions(1000, 5, 3, 0));
    }

    @Test
    void rejectsUnknownArgumentsAndBadNumbers() {
        assertThatThrownBy(() -> VisibilityOptions.parse(new String[] {"--rows", "5"}))
                .hasMessageContaining("unknown argument");
        assertThatThrownBy(() -> VisibilityOptions.parse(new String[] {"--executions", "0"}))
                .hasMessageContaining(">= 1");
        assertThatThrownBy(() -> VisibilityOptions.parse(new String[] {"--repeats"}))
                .hasMessageContaining("needs a value");
    }
}
