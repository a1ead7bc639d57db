package io.cadenza.controlplane.api;

import java.util.List;
import java.util.function.Function;

/** One page of a list; {@code nextPageToken} is null on the last page. */
public record PageResponse<T>(List<T> items, String nextPageToken) {

    /**
     * Builds a page from {@code rows} fetched with limit {@code pageSize + 1}: the extra row only says that there is
     * a next page, whose token is the key of the last row returned.
     */
    public static <R, T> PageResponse<T> of(List<R> rows, int pageSize, Function<R, T> view,
                                            Function<R, String> nextToken) {
        boolean more = rows.size() > pageSize;
        List<R> page = more ? rows.subList(0, pageSize) : rows;
        String token = more ? nextToken.apply(page.get(page.size() - 1)) : null;
        return new PageResponse<>(page.stream().map(view).toList(), token);
    }
}
