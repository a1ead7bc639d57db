package io.cadenza.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void starts_full_with_one_second_of_burst_then_refuses_with_the_wait() {
        TokenBucket bucket = new TokenBucket(10, nanos::get);

        for (int i = 0; i < 10; i++) {
            assertThat(bucket.tryAcquire()).isZero();
        }
        // one token per 100 ms at 10/s
        assertThat(bucket.tryAcquire()).isEqualTo(100_000_000L);
    }

    @Test
    void refills_continuously_and_never_beyond_the_burst() {
        TokenBucket bucket = new TokenBucket(10, nanos::get);
        for (int i = 0; i < 10; i++) {
            bucket.tryAcquire();
        }

        nanos.addAndGet(250_000_000L); // 2.5 tokens earned
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isEqualTo(50_000_000L);

        nanos.addAndGet(3_600_000_000_000L); // an hour idle
        int granted = 0;
        while (bucket.tryAcquire() == 0) {
            granted++;
        }
        assertThat(granted).isEqualTo(10);
    }

    @Test
    void a_lower_rate_caps_the_tokens_already_earned() {
        TokenBucket bucket = new TokenBucket(100, nanos::get);
        bucket.setRate(2);
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isPositive();
    }

    @Test
    void namespaces_have_separate_buckets_and_actions_have_their_own_limit() {
        NamespaceRateLimiter limiter = new NamespaceRateLimiter(500, 2000, nanos::get);

        // given namespace a at 3 requests/s and 1 action/s
        assertThat(limiter.acquire("a", 1, 3, true)).isEmpty();
        var action = limiter.acquire("a", 1, 3, true);
        assertThat(action).hasValueSatisfying(e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(e.getStatus().getDescription()).isEqualTo("namespace a exceeded its limit of 1 actions per second");
            assertThat(e.getTrailers().get(NamespaceRateLimiter.RETRY_PUSHBACK_MS)).isEqualTo("1000");
        });
        assertThat(limiter.acquire("a", 1, 3, false)).isEmpty();
        assertThat(limiter.acquire("a", 1, 3, false)).hasValueSatisfying(e -> assertThat(e.getStatus()
                .getDescription()).isEqualTo("namespace a exceeded its limit of 3 requests per second"));

        // then namespace b is untouched
        assertThat(limiter.acquire("b", 1, 3, true)).isEmpty();
    }

    @Test
    void unset_limits_use_the_defaults() {
        NamespaceRateLimiter limiter = new NamespaceRateLimiter(2, 5, nanos::get);
        assertThat(limiter.acquire("a", 0, 0, true)).isEmpty();
        assertThat(limiter.acquire("a", 0, 0, true)).isEmpty();
        assertThat(limiter.acquire("a", 0, 0, true)).hasValueSatisfying(e -> assertThat(e.getStatus()
                .getDescription()).contains("limit of 2 actions"));
    }
}
