package io.cadenza.dataplane.visibility;

import java.util.List;

/**
 * A piece of SQL with its own parameters, numbered from the index the caller gave when asking for it.
 *
 * @param sql    a parenthesised boolean SQL expression
 * @param params the values of its placeholders, in order
 */
public record SqlFragment(String sql, List<Object> params) {

    public SqlFragment {
        params = List.copyOf(params);
    }
}
