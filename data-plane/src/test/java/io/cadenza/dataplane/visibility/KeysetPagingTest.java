package io.cadenza.dataplane.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Continuation predicates per order and the next-page token's round trip (the real paging runs in PostgreSQL). */
class KeysetPagingTest {

    private static final OffsetDateTime T = OffsetDateTime.of(2026, 11, 25, 10, 0, 0, 123_456_000, ZoneOffset.UTC);

    @Test
    void descendingContinuesWithEarlierTimesThenLaterRunIdsAtTheSameTime() {
        SqlFragment after = KeysetPaging.after(SortOrder.START_TIME_DESC, T, "run-9", 4);
        assertThat(after.sql()).isEqualTo("(start_time < $4 OR (start_time = $4 AND run_id > $5))");
        assertThat(after.params()).containsExactly(T, "run-9");
        assertThat(KeysetPaging.after(SortOrder.EXECUTION_TIME_ASC, T, "r", 2).sql())
                .isEqualTo("(execution_time > $2 OR (execution_time = $2 AND run_id > $3))");
    }

    @Test
    void openRunsComeFirstDescendingAndLastAscendingByCloseTime() {
        assertThat(KeysetPaging.after(SortOrder.CLOSE_TIME_DESC, T, "r", 2).sql())
                .isEqualTo("(close_time < $2 OR (close_time = $2 AND run_id > $3))");
        assertThat(KeysetPaging.after(SortOrder.CLOSE_TIME_ASC, T, "r", 2).sql())
                .isEqualTo("(close_time > $2 OR (close_time = $2 AND run_id > $3) OR close_time IS NULL)");
        SqlFragment afterOpenDesc = KeysetPaging.after(SortOrder.CLOSE_TIME_DESC, null, "r", 2);
        assertThat(afterOpenDesc.sql()).isEqualTo("((close_time IS NULL AND run_id > $2) OR close_time IS NOT NULL)");
        assertThat(afterOpenDesc.params()).containsExactly("r");
        assertThat(KeysetPaging.after(SortOrder.CLOSE_TIME_ASC, null, "r", 2).sql())
                .isEqualTo("(close_time IS NULL AND run_id > $2)");
        assertThatThrownBy(() -> KeysetPaging.after(SortOrder.START_TIME_DESC, null, "r", 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTokenRoundTripsForEveryOrder() {
        for (SortOrder order : SortOrder.values()) {
            PageToken token = new PageToken(order, T, "7f3c-ü");
            assertThat(PageToken.decode(token.encode())).isEqualTo(token);
        }
        PageToken open = new PageToken(SortOrder.CLOSE_TIME_DESC, null, "r");
        assertThat(PageToken.decode(open.encode())).isEqualTo(open);
        PageToken offset = new PageToken(SortOrder.START_TIME_ASC, T.withOffsetSameInstant(ZoneOffset.ofHours(3)), "r");
        assertThat(PageToken.decode(offset.encode()).sortTime()).isEqualTo(T);
    }

    @Test
    void garbageIsNotAToken() {
        byte[] valid = new PageToken(SortOrder.START_TIME_DESC, T, "r").encode();
        byte[] badVersion = valid.clone();
        badVersion[0] = 9;
        byte[] badOrder = valid.clone();
        badOrder[1] = 42;
        byte[] noRun = Arrays.copyOf(valid, valid.length - 1);
        byte[] badUtf8 = valid.clone();
        badUtf8[valid.length - 1] = (byte) 0xff;
        for (byte[] bytes : new byte[][] {new byte[0], "hello".getBytes(), badVersion, badOrder, noRun, badUtf8}) {
            assertThatThrownBy(() -> PageToken.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a visibility page token");
        }
    }

    @Test
    void aTokenFromAnotherOrderIsRefused() {
        SqlFilter byCloseTime = TestAttributes.list("ORDER BY CloseTime");
        PageToken token = new PageToken(SortOrder.START_TIME_DESC, T, "r");
        assertThatThrownBy(() -> KeysetPaging.after(byCloseTime, token, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("next page token was issued for ORDER BY StartTime DESC, not for this query");
        SqlFilter byStartTime = TestAttributes.list("WorkflowId = 'a'");
        assertThat(KeysetPaging.after(byStartTime, token, 3).sql())
                .isEqualTo("(start_time < $3 OR (start_time = $3 AND run_id > $4))");
    }
}
