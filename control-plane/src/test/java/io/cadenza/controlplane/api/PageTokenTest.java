package io.cadenza.controlplane.api;

import io.cadenza.controlplane.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTokenTest {

    @Test
    void roundTrips() {
        String token = PageToken.encode("audit-logs", List.of("2026-01-01T00:00:00Z", "abc"));
        assertThat(token).doesNotContain("=").doesNotContain("/").doesNotContain("+");
        assertThat(PageToken.decode("audit-logs", token, 2)).containsExactly("2026-01-01T00:00:00Z", "abc");
    }

    @Test
    void noTokenMeansFirstPage() {
        assertThat(PageToken.decode("users", null, 1)).isNull();
        assertThat(PageToken.decode("users", "", 1)).isNull();
    }

    @Test
    void aTokenOfAnotherListOrGarbageIs400() {
        String users = PageToken.encode("users", List.of("u1"));
        assertThatThrownBy(() -> PageToken.decode("namespaces", users, 1)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("pageToken");
        assertThatThrownBy(() -> PageToken.decode("users", "%%%", 1)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> PageToken.decode("users", users, 2)).isInstanceOf(ProblemException.class);
    }

    @Test
    void pageSizeDefaultsTo100AndIsAtMost1000() {
        assertThat(PageToken.pageSize(null)).isEqualTo(100);
        assertThat(PageToken.pageSize(1000)).isEqualTo(1000);
        assertThatThrownBy(() -> PageToken.pageSize(0)).hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> PageToken.pageSize(1001)).hasMessageContaining("between 1 and 1000");
    }

    @Test
    void pagesReportANextTokenOnlyWhenThereIsMore() {
        PageResponse<String> last = PageResponse.of(List.of("a", "b"), 2, s -> s, s -> "t-" + s);
        assertThat(last.nextPageToken()).isNull();
        PageResponse<String> more = PageResponse.of(List.of("a", "b", "c"), 2, s -> s, s -> "t-" + s);
        assertThat(more.items()).containsExactly("a", "b");
        assertThat(more.nextPageToken()).isEqualTo("t-b");
    }

    @Test
    void accountIdsAreFiveLowercaseAlphanumericsStartingWithALetter() {
        for (int i = 0; i < 500; i++) {
            assertThat(Ids.accountId()).matches("[a-z][a-z0-9]{4}");
        }
        assertThat(Ids.random()).matches("[0-9a-f]{32}");
    }
}
