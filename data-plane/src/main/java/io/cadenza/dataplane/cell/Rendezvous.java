package io.cadenza.dataplane.cell;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rendezvous (highest random weight) hashing: every key goes to the member with the highest hash of (member, key).
 * A member joining takes about 1/N of the keys and leaving gives back exactly its own keys; all other keys stay
 * where they were. Every instance computes the same answer from the same member list, without coordination.
 */
public final class Rendezvous {

    private Rendezvous() {
    }

    /** The member that owns {@code key}, or empty when there is no member. */
    public static Optional<String> owner(String key, Collection<String> members) {
        String best = null;
        long bestWeight = 0;
        for (String m : members) {
            long w = weight(m, key);
            // Ties (practically impossible) go to the smaller id, so every instance picks the same member.
            if (best == null || Long.compareUnsigned(w, bestWeight) > 0
                    || w == bestWeight && m.compareTo(best) < 0) {
                best = m;
                bestWeight = w;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The owner of each shard {@code 0..shards-1} (key "shard-<n>"); empty map when there is no member. */
    public static Map<Integer, String> shardOwners(int shards, Collection<String> members) {
        Map<Integer, String> out = new HashMap<>();
        if (members.isEmpty()) {
            return out;
        }
        List<String> list = List.copyOf(members);
        for (int s = 0; s < shards; s++) {
            out.put(s, owner(shardKey(s), list).orElseThrow());
        }
        return out;
    }

    public static String shardKey(int shard) {
        return "shard-" + shard;
    }

    /** 64-bit FNV-1a of member and key, finished with a murmur3 mix so similar keys spread evenly. */
    static long weight(String member, String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (member + '\u0000' + key).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
