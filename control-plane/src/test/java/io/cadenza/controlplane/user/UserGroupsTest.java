package io.cadenza.controlplane.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.controlplane.problem.ProblemException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserGroupsTest {

    @Test
    void normalisesToSortedDistinctNamesAndRoundTripsThroughTheColumn() {
        List<String> groups = UserGroups.parse(List.of("managers", "finance", "managers"));
        assertThat(groups).containsExactly("finance", "managers");
        assertThat(UserGroups.fromColumn(UserGroups.column(groups))).containsExactly("finance", "managers");
        assertThat(UserGroups.fromColumn("")).isEmpty();
        assertThat(UserGroups.parse(null)).isNull();
    }

    @Test
    void refusesNamesThatAreNotLowercaseWordsAndTooManyGroups() {
        for (String bad : new String[] {"Managers", "-x", "a,b", "", "x".repeat(64), "a b"}) {
            assertThatThrownBy(() -> UserGroups.parse(List.of(bad))).isInstanceOf(ProblemException.class)
                    .hasMessageContaining("group name");
        }
        assertThatThrownBy(() -> UserGroups.parse(Collections.nCopies(51, "g")))
                .isInstanceOf(ProblemException.class).hasMessageContaining("at most 50");
    }
}
