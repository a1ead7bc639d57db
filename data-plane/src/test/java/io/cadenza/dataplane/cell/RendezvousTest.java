package io.cadenza.dataplane.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RendezvousTest {

    private static final int SHARDS = 512;

    @Test
    void everyInstanceComputesTheSameAssignmentWhateverTheOrderOfMembers() {
        Map<Integer, String> a = Rendezvous.shardOwners(SHARDS, List.of("i-1", "i-2", "i-3"));
        Map<Integer, String> b = Rendezvous.shardOwners(SHARDS, List.of("i-3", "i-1", "i-2"));
        assertEquals(a, b);
    }

    @Test
    void shardsSpreadEvenlyOverMembers() {
        Map<String, Integer> counts = count(Rendezvous.shardOwners(SHARDS, List.of("i-1", "i-2", "i-3", "i-4")));
        assertEquals(4, counts.size());
        counts.values().forEach(n -> assertTrue(n > SHARDS / 4 * 0.7 && n < SHARDS / 4 * 1.3,
                "uneven spread: " + counts));
    }

    @Test
    void aJoinMovesAboutOneNthAndOnlyToTheNewcomer() {
        List<String> three = List.of("i-1", "i-2", "i-3");
        List<String> four = new ArrayList<>(three);
        four.add("i-4");
        Map<Integer, String> before = Rendezvous.shardOwners(SHARDS, three);
        Map<Integer, String> after = Rendezvous.shardOwners(SHARDS, four);
        int moved = 0;
        for (int s = 0; s < SHARDS; s++) {
            if (!before.get(s).equals(after.get(s))) {
                moved++;
                assertEquals("i-4", after.get(s), "a shard moved between two old members");
            }
        }
        assertTrue(moved > SHARDS / 4 * 0.7 && moved < SHARDS / 4 * 1.3, "moved " + moved);
    }

    @Test
    void aLeaveMovesExactlyTheLeaversShards() {
        Map<Integer, String> before = Rendezvous.shardOwners(SHARDS, List.of("i-1", "i-2", "i-3"));
        Map<Integer, String> after = Rendezvous.shardOwners(SHARDS, List.of("i-1", "i-3"));
        for (int s = 0; s < SHARDS; s++) {
            if (before.get(s).equals("i-2")) {
                assertTrue(Set.of("i-1", "i-3").contains(after.get(s)));
            } else {
                assertEquals(before.get(s), after.get(s), "shard " + s + " of a staying member moved");
            }
        }
    }

    @Test
    void noMembersNoOwner() {
        assertTrue(Rendezvous.shardOwners(16, List.of()).isEmpty());
        assertTrue(Rendezvous.owner("x", List.of()).isEmpty());
        assertEquals("only", Rendezvous.owner("x", List.of("only")).orElseThrow());
    }

    private static Map<String, Integer> count(Map<Integer, String> owners) {
        Map<String, Integer> out = new HashMap<>();
        owners.values().forEach(o -> out.merge(o, 1, Integer::sum));
        return out;
    }
}
