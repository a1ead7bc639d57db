package io.cadenza.controlplane.cell;

import io.cadenza.controlplane.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlacementTest {
    private static final TreeSet<String> CELLS = new TreeSet<>(java.util.List.of("cell-2", "cell-1", "cell-3"));

    @Test
    void leastLoadedCellWins() {
        assertThat(Placement.choose(CELLS, Map.of("cell-1", 5L, "cell-2", 2L, "cell-3", 3L), null)).isEqualTo("cell-2");
    }

    @Test
    void cellsWithoutNamespacesCountAsEmpty() {
        assertThat(Placement.choose(CELLS, Map.of("cell-1", 1L, "cell-2", 1L), null)).isEqualTo("cell-3");
    }

    @Test
    void tiesGoToTheLowestCellId() {
        assertThat(Placement.choose(CELLS, Map.of(), null)).isEqualTo("cell-1");
        assertThat(Placement.choose(CELLS, Map.of("cell-1", 2L, "cell-2", 1L, "cell-3", 1L), null)).isEqualTo("cell-2");
    }

    @Test
    void anExplicitKnownCellIsHonoured() {
        assertThat(Placement.choose(CELLS, Map.of("cell-3", 100L), "cell-3")).isEqualTo("cell-3");
    }

    @Test
    void anUnknownCellIs400() {
        assertThatThrownBy(() -> Placement.choose(CELLS, Map.of(), "cell-9"))
                .isInstanceOf(ProblemException.class).hasMessageContaining("unknown cell 'cell-9'");
    }
}
