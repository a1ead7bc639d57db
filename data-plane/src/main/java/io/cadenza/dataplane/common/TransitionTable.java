package io.cadenza.dataplane.common;

import java.util.EnumMap;
import java.util.Map;

/**
 * A state machine written as a table: each row says which event moves an entity from one state to another.
 * Entities consult it before changing state, so an impossible transition fails loudly instead of corrupting
 * mutable state. Tables are built once, at class initialisation, and read concurrently afterwards.
 */
public final class TransitionTable<S extends Enum<S>, E extends Enum<E>> {

    private final String entity;
    private final Class<E> eventType;
    private final Map<S, Map<E, S>> rows;

    private TransitionTable(String entity, Class<S> stateType, Class<E> eventType) {
        this.entity = entity;
        this.eventType = eventType;
        this.rows = new EnumMap<>(stateType);
    }

    public static <S extends Enum<S>, E extends Enum<E>> TransitionTable<S, E> of(
            String entity, Class<S> stateType, Class<E> eventType) {
        return new TransitionTable<>(entity, stateType, eventType);
    }

    /** Declares that {@code event} moves the entity from {@code from} to {@code to}. */
    public TransitionTable<S, E> add(S from, E event, S to) {
        rows.computeIfAbsent(from, s -> new EnumMap<>(eventType)).put(event, to);
        return this;
    }

    public boolean allows(S from, E event) {
        Map<E, S> row = rows.get(from);
        return row != null && row.containsKey(event);
    }

    /** The state after {@code event}; throws {@link IllegalStateException} when the table has no such row. */
    public S next(S from, E event) {
        Map<E, S> row = rows.get(from);
        S to = row == null ? null : row.get(event);
        if (to == null) {
            throw new IllegalStateException(entity + ": no transition from " + from + " on " + event);
        }
        return to;
    }
}
