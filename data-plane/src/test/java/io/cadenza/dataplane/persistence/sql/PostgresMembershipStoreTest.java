package io.cadenza.dataplane.persistence.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.dataplane.cell.CellMember;
import io.cadenza.dataplane.cell.MembershipStore;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code cell_members} on PostgreSQL: register, renew, re-register at the same address, lapse, leave. */
class PostgresMembershipStoreTest {

    private final MembershipStore store = PostgresBackend.get().membership();

    @Test
    void membersRegisterRenewAndLeave() {
        String id = "m-" + UUID.randomUUID();
        String address = "10.0.0.1:" + (20000 + (id.hashCode() & 0x7fff));
        await(store.register(new CellMember(id, address, 1000, 11_000)));
        assertThat(await(store.all())).contains(new CellMember(id, address, 1000, 11_000));

        assertThat(await(store.renew(id, 14_000))).isTrue();
        assertThat(await(store.all())).contains(new CellMember(id, address, 1000, 14_000));

        await(store.deregister(id));
        assertThat(await(store.all())).extracting(CellMember::id).doesNotContain(id);
        assertThat(await(store.renew(id, 20_000))).as("a removed member must register again").isFalse();
    }

    @Test
    void aNewProcessAtTheSameAddressReplacesTheOldOne() {
        String address = "10.0.0.2:" + (20000 + (UUID.randomUUID().hashCode() & 0x7fff));
        String old = "old-" + UUID.randomUUID();
        String fresh = "new-" + UUID.randomUUID();
        await(store.register(new CellMember(old, address, 1000, 4_102_444_800_000L)));
        await(store.register(new CellMember(fresh, address, 2000, 4_102_444_800_000L)));
        assertThat(await(store.all())).extracting(CellMember::id).contains(fresh).doesNotContain(old);
    }

    @Test
    void lapsedMembersAreRemoved() {
        String id = "lapsed-" + UUID.randomUUID();
        await(store.register(new CellMember(id, "10.0.0.3:1", 1000, 2000)));
        assertThat(await(store.removeLapsed(3000))).isPositive();
        assertThat(await(store.all())).extracting(CellMember::id).doesNotContain(id);
        assertThat(new CellMember(id, "a", 0, 2000).liveAt(1999)).isTrue();
        assertThat(new CellMember(id, "a", 0, 2000).liveAt(2000)).isFalse();
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
