package io.cadenza.dataplane.cell;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an instance knows of its cell at one reconciliation: the live members and who holds each shard (by the
 * shard rows). Immutable; the controller publishes a new one each round. Requests are routed by it: a run's call
 * goes to its shard's holder, a task queue's poll to the queue's rendezvous owner among the live members.
 */
public record CellView(String selfId, List<CellMember> live, Map<Integer, String> shardHolders) {

    public static CellView alone(String selfId) {
        return new CellView(selfId, List.of(), Map.of());
    }

    /** The live member holding the shard; empty when it is unowned, released or held by a lapsed member. */
    public Optional<CellMember> holder(int shard) {
        String id = shardHolders.get(shard);
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        return member(id);
    }

    public Optional<CellMember> member(String id) {
        for (CellMember m : live) {
            if (m.id().equals(id)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The live member that owns a task queue (rendezvous over the live members); empty when alone or unknown. */
    public Optional<CellMember> queueOwner(String namespaceId, String queueName, boolean activity) {
        if (live.size() <= 1) {
            return Optional.empty();
        }
        String key = "queue/" + namespaceId + "/" + queueName + (activity ? "/a" : "/w");
        return Rendezvous.owner(key, live.stream().map(CellMember::id).toList()).flatMap(this::member);
    }

    /** Whether other instances serve the cell too. */
    public boolean shared() {
        return live.size() > 1;
    }
}
