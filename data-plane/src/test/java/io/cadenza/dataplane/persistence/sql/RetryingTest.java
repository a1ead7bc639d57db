package io.cadenza.dataplane.persistence.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one retry of the SQL stores: a whole operation re-run on SQLSTATE 40001/40P01, nothing else retried. */
class RetryingTest {

    interface Store {
        CompletionStage<String> write(String value);

        Future<String> read();

        int shardCount();
    }

    /** Fails its first {@code failures} calls of each operation with {@code error}. */
    static class Flaky implements Store {
        final AtomicInteger calls = new AtomicInteger();
        final int failures;
        final RuntimeException error;

        Flaky(int failures, RuntimeException error) {
            this.failures = failures;
            this.error = error;
        }

        @Override
        public CompletionStage<String> write(String value) {
            return calls.incrementAndGet() <= failures ? CompletableFuture.failedFuture(error)
                    : CompletableFuture.completedFuture(value + "@" + calls.get());
        }

        @Override
        public Future<String> read() {
            return calls.incrementAndGet() <= failures ? Future.failedFuture(error)
                    : Future.succeededFuture("read@" + calls.get());
        }

        @Override
        public int shardCount() {
            calls.incrementAndGet();
            return 16;
        }
    }

    private static PgException sqlState(String state) {
        return new PgException("restart transaction", "ERROR", state, null);
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aSerializationFailureReRunsTheWholeOperation() throws Exception {
        Flaky target = new Flaky(3, sqlState("40001"));
        Store store = Retrying.wrap(Store.class, target);

        assertThat(get(store.write("v"))).isEqualTo("v@4");
        assertThat(target.calls).hasValue(4);
    }

    @Test
    void aDeadlockIsRetriedAndAVertxFutureToo() throws Exception {
        Flaky target = new Flaky(2, sqlState("40P01"));
        Store store = Retrying.wrap(Store.class, target);

        assertThat(get(store.read().toCompletionStage())).isEqualTo("read@3");
    }

    @Test
    void otherErrorsAreNotRetried() {
        Flaky target = new Flaky(1, sqlState("23505"));
        Store store = Retrying.wrap(Store.class, target);

        assertThatThrownBy(() -> get(store.write("v"))).isInstanceOf(ExecutionException.class)
                .cause().isSameAs(target.error);
        assertThat(target.calls).hasValue(1);
    }

    @Test
    void retriesAreBounded() {
        Flaky target = new Flaky(100, sqlState("40001"));
        Store store = Retrying.wrap(Store.class, target);

        assertThatThrownBy(() -> get(store.write("v"))).cause().isSameAs(target.error);
        assertThat(target.calls).hasValue(Retrying.MAX_ATTEMPTS);
    }

    @Test
    void aSynchronousErrorOfTheOperationIsThrownAsItIs() {
        IllegalArgumentException invalid = new IllegalArgumentException("invalid query");
        Store throwing = new Flaky(0, null) {
            @Override
            public CompletionStage<String> write(String value) {
                calls.incrementAndGet();
                throw invalid;
            }
        };
        Store store = Retrying.wrap(Store.class, throwing);

        assertThatThrownBy(() -> store.write("v")).isSameAs(invalid);
    }

    @Test
    void synchronousMethodsPassThrough() {
        Flaky target = new Flaky(0, null);
        Store store = Retrying.wrap(Store.class, target);

        assertThat(store.shardCount()).isEqualTo(16);
        assertThat(target.calls).hasValue(1);
        assertThat(store).isEqualTo(store).hasToString("Retrying(" + target + ")");
    }
}
