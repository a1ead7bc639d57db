package io.cadenza.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.gateway.authz.Permission;
import io.cadenza.gateway.testing.MutableClock;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingAuthenticatorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> seenTokens = new ArrayList<>();

    private static Principal principal(Instant validUntil) {
        return new Principal("service-account", "sa-1", "ci", "acme", "developer",
                Map.of("orders.acme", Permission.WRITE), validUntil);
    }

    private CachingAuthenticator authenticator(AuthOutcome answer) {
        return new CachingAuthenticator(token -> {
            calls.incrementAndGet();
            seenTokens.add(token);
            return CompletableFuture.completedFuture(answer);
        }, Duration.ofSeconds(5), Duration.ofSeconds(1), clock, 1000);
    }

    @Test
    void an_accepted_token_is_reused_for_the_ttl_then_asked_again() {
        CachingAuthenticator auth = authenticator(new AuthOutcome.Accepted(principal(T0.plusSeconds(3600))));

        auth.authenticate("cdz_key").toCompletableFuture().join();
        clock.advance(Duration.ofMillis(4999));
        auth.authenticate("cdz_key").toCompletableFuture().join();
        assertThat(calls).hasValue(1);

        clock.advance(Duration.ofMillis(1));
        auth.authenticate("cdz_key").toCompletableFuture().join();
        assertThat(calls).hasValue(2);
        assertThat(seenTokens).containsOnly("cdz_key");
    }

    @Test
    void never_past_valid_until() {
        CachingAuthenticator auth = authenticator(new AuthOutcome.Accepted(principal(T0.plusSeconds(2))));

        auth.authenticate("jwt").toCompletableFuture().join();
        clock.advance(Duration.ofSeconds(2));
        auth.authenticate("jwt").toCompletableFuture().join();

        assertThat(calls).hasValue(2);
    }

    @Test
    void a_refusal_is_unauthenticated_with_the_reason_and_cached_for_one_second() {
        CachingAuthenticator auth = authenticator(new AuthOutcome.Refused("API key disabled"));

        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> auth.authenticate("cdz_bad").toCompletableFuture().join())
                    .hasCauseInstanceOf(StatusRuntimeException.class)
                    .satisfies(e -> {
                        Status s = ((StatusRuntimeException) e.getCause()).getStatus();
                        assertThat(s.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                        assertThat(s.getDescription()).isEqualTo("API key disabled");
                    });
        }
        assertThat(calls).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> auth.authenticate("cdz_bad").toCompletableFuture().join())
                .isInstanceOf(CompletionException.class);
        assertThat(calls).hasValue(2);
    }

    @Test
    void concurrent_lookups_of_one_token_share_a_call_and_failures_are_not_cached() {
        CompletableFuture<AuthOutcome> pending = new CompletableFuture<>();
        CachingAuthenticator auth = new CachingAuthenticator(token -> {
            calls.incrementAndGet();
            return pending;
        }, Duration.ofSeconds(5), Duration.ofSeconds(1), clock, 1000);

        CompletionStage<Principal> a = auth.authenticate("k");
        CompletionStage<Principal> b = auth.authenticate("k");
        assertThat(calls).hasValue(1);

        pending.completeExceptionally(Status.UNAVAILABLE.asRuntimeException());
        assertThat(a.toCompletableFuture()).isCompletedExceptionally();
        assertThat(b.toCompletableFuture()).isCompletedExceptionally();

        CachingAuthenticator again = auth;
        again.authenticate("k");
        assertThat(calls).hasValue(2);
    }

    @Test
    void keys_are_token_hashes() {
        assertThat(CachingAuthenticator.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
