package io.cadenza.dataplane.execution;

import io.cadenza.dataplane.common.ExecutionKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Who wants to see each committed state of a run (its {@code executions.state} JSON, as committed). Nothing in
 * the engine needs it; the replay property test checks with it that the state rebuilt from a run's history by
 * the event appliers equals the state the live path committed.
 */
public final class CommitObservers {

    private final List<BiConsumer<ExecutionKey, byte[]>> observers = new CopyOnWriteArrayList<>();

    public void add(BiConsumer<ExecutionKey, byte[]> observer) {
        observers.add(observer);
    }

    public void remove(BiConsumer<ExecutionKey, byte[]> observer) {
        observers.remove(observer);
    }

    void committed(ExecutionKey key, byte[] state) {
        for (BiConsumer<ExecutionKey, byte[]> o : observers) {
            o.accept(key, state);
        }
    }
}
