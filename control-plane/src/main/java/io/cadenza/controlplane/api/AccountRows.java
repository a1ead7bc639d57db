package io.cadenza.controlplane.api;

import io.cadenza.controlplane.problem.ProblemException;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The list/get/patch plumbing shared by the account's resources (users, service accounts, API keys, namespaces):
 * keyset pages ordered by id with page tokens bound to the list, reading one row of the caller's account, and
 * changing one row in a write transaction after the same check. A row of another account, a removed row and a
 * missing row are the same 404, so one account never learns about another's.
 */
@ApplicationScoped
public class AccountRows {

    /**
     * How to find and recognise the rows of one kind.
     *
     * @param kind      the name page tokens are bound to (e.g. {@code users})
     * @param byId      loads a row by id (inside a session)
     * @param id        the row's id, the key of the keyset pages
     * @param accountId the account the row belongs to
     * @param live      false for rows that exist but count as gone (soft-deleted)
     * @param notFound  the 404 for an id
     */
    public record Kind<E>(String kind, Function<String, Uni<E>> byId, Function<E, String> id,
                          Function<E, String> accountId, Predicate<E> live,
                          Function<String, ProblemException> notFound) {

        public static <E> Kind<E> of(String kind, Function<String, Uni<E>> byId, Function<E, String> id,
                                     Function<E, String> accountId, Function<String, ProblemException> notFound) {
            return new Kind<>(kind, byId, id, accountId, row -> true, notFound);
        }

        /** The same kind, with rows failing {@code live} counting as gone. */
        public Kind<E> liveWhen(Predicate<E> isLive) {
            return new Kind<>(kind, byId, id, accountId, isLive, notFound);
        }

        boolean visibleTo(E row, String account) {
            return row != null && live.test(row) && accountId.apply(row).equals(account);
        }
    }

    @Inject
    Tx tx;

    /** The row if it is one of the account's; 404 otherwise. */
    public <E> E get(Kind<E> kind, String accountId, String id) {
        return tx.read(() -> find(kind, accountId, id));
    }

    /** Inside a session or transaction: the row if it is one of the account's, else a failure with the 404. */
    public <E> Uni<E> find(Kind<E> kind, String accountId, String id) {
        return kind.byId().apply(id).map(row -> {
            if (!kind.visibleTo(row, accountId)) {
                throw kind.notFound().apply(id);
            }
            return row;
        });
    }

    /**
     * Re-reads the row in a write transaction (404 when it is no longer the account's) and applies {@code change}
     * to it; the transaction commits the managed row's changes. Retried on serialization conflicts, so
     * {@code change} must be safe to repeat.
     */
    public <E, R> R change(Kind<E> kind, String accountId, String id, Function<E, Uni<R>> change) {
        return tx.write(() -> find(kind, accountId, id).chain(row -> change.apply(row)));
    }

    /**
     * One keyset page: {@code query} gets the id to continue after ("" on the first page) and a page of
     * {@code pageSize + 1} rows; {@code views} loads, in the same session, what the views of those rows need.
     */
    public <E, T> PageResponse<T> pageLoading(Kind<E> kind, Integer pageSize, String pageToken,
                                              BiFunction<String, Page, Uni<List<E>>> query,
                                              Function<List<E>, Uni<Function<E, T>>> views) {
        int size = PageToken.pageSize(pageSize);
        List<String> after = PageToken.decode(kind.kind(), pageToken, 1);
        String afterId = after == null ? "" : after.get(0);
        record Rows<E, T>(List<E> rows, Function<E, T> view) {
        }
        Rows<E, T> rows = tx.read(() -> query.apply(afterId, Page.ofSize(size + 1))
                .chain(list -> views.apply(list).map(view -> new Rows<>(list, view))));
        return PageResponse.of(rows.rows(), size, rows.view(),
                row -> PageToken.encode(kind.kind(), List.of(kind.id().apply(row))));
    }

    /** One keyset page whose views need nothing more than the rows. */
    public <E, T> PageResponse<T> page(Kind<E> kind, Integer pageSize, String pageToken,
                                       BiFunction<String, Page, Uni<List<E>>> query, Function<E, T> view) {
        return pageLoading(kind, pageSize, pageToken, query, rows -> Uni.createFrom().item(view));
    }
}
