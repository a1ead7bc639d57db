package io.cadenza.dataplane.visibility;

import java.util.List;

/** The parsed form of a visibility query; names are resolved and values typed later, by the translator. */
final class QueryAst {

    private QueryAst() {
    }

    /** A whole query: an optional filter, an optional GROUP BY and an optional ORDER BY. */
    record Query(Node where, Name groupBy, Order orderBy) {
    }

    /** {@code ORDER BY name [ASC|DESC]}; SQL's default direction is ascending. */
    record Order(Name name, boolean descending) {
    }

    /** A search attribute as written in the query (backquotes removed). */
    record Name(String text, int position) {
    }

    /** A literal: {@link String}, {@link Long}, {@link Double} or {@link Boolean}. */
    record Literal(Object value, int position) {

        /** How the value reads in an error message, with its type as Temporal names it. */
        String describe() {
            if (value instanceof String s) {
                return "'" + s + "' (type: string)";
            }
            String type = value instanceof Long ? "int64" : value instanceof Double ? "float64" : "bool";
            return value + " (type: " + type + ")";
        }
    }

    sealed interface Node permits And, Or, Not, Compare, In, Between, StartsWith, IsNull {
    }

    record And(List<Node> terms) implements Node {
    }

    record Or(List<Node> terms) implements Node {
    }

    record Not(Node term) implements Node {
    }

    /** {@code name op value}, op one of {@code = != < > <= >=} ({@code <>} arrives as {@code !=}). */
    record Compare(Name name, String operator, Literal value) implements Node {
    }

    record In(Name name, boolean negated, List<Literal> values) implements Node {
    }

    record Between(Name name, boolean negated, Literal from, Literal to) implements Node {
    }

    record StartsWith(Name name, boolean negated, Literal prefix) implements Node {
    }

    record IsNull(Name name, boolean negated) implements Node {
    }
}
