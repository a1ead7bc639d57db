package io.cadenza.dataplane.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandlerDispatchTest {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(3));

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void tasksRunRoundRobinOnDistinctEventLoops() throws Exception {
        HandlerDispatch dispatch = new HandlerDispatch(vertx, 3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Set<Context> contexts = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(30);
        for (int i = 0; i < 30; i++) {
            dispatch.execute(() -> {
                // Each task runs on a Vert.x event-loop context, so Vert.x clients reply on that same context.
                assertTrue(Context.isOnEventLoopThread());
                threads.add(Thread.currentThread().getName());
                contexts.add(Vertx.currentContext());
                done.countDown();
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(3, dispatch.size());
        assertEquals(3, threads.size(), "threads used: " + threads);
        assertEquals(3, contexts.size());
    }

    @Test
    void rejectsFewerThanOneEventLoop() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HandlerDispatch(vertx, 0));
        assertTrue(e.getMessage().contains("cadenza.handler-event-loops"), e.getMessage());
    }
}
