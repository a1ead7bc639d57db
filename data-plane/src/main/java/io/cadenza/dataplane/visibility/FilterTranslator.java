package io.cadenza.dataplane.visibility;

import io.cadenza.dataplane.visibility.QueryAst.And;
import io.cadenza.dataplane.visibility.QueryAst.Between;
import io.cadenza.dataplane.visibility.QueryAst.Compare;
import io.cadenza.dataplane.visibility.QueryAst.In;
import io.cadenza.dataplane.visibility.QueryAst.IsNull;
import io.cadenza.dataplane.visibility.QueryAst.Literal;
import io.cadenza.dataplane.visibility.QueryAst.Node;
import io.cadenza.dataplane.visibility.QueryAst.Not;
import io.cadenza.dataplane.visibility.QueryAst.Or;
import io.cadenza.dataplane.visibility.QueryAst.StartsWith;
import io.temporal.api.enums.v1.IndexedValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Translates a parsed filter into a SQL boolean expression with {@code $n} placeholders.
 *
 * <p>Nothing from the query is ever spliced into the SQL text: columns come from {@link Attribute#SYSTEM}, custom
 * attribute names and all values travel as parameters. Custom attributes live in {@code search_attributes}
 * (JSONB); how each operator reads them is in {@link CustomAttributeSql}.
 *
 * <p>Negations follow SQL's NULL logic: {@code a != 'x'}, {@code NOT IN}, {@code NOT BETWEEN}, {@code NOT STARTS_WITH}
 * never match a run that lacks the attribute (as in Temporal's SQL visibility stores); use {@code IS NULL} for those.
 */
final class FilterTranslator {

    /** PostgreSQL takes at most 65535 parameters; far fewer keep plans cheap. */
    static final int MAX_PARAMS = 5000;
    /** The escape character of every LIKE; '!' needs no escaping in any SQL dialect, unlike backslash. */
    static final String LIKE_ESCAPE = " ESCAPE '!'";

    private static final Set<String> ORDERING = Set.of("<", ">", "<=", ">=");

    private final Map<String, IndexedValueType> custom;
    private final int firstParamIndex;
    private final List<Object> params = new ArrayList<>();
    private final Map<String, String> keyPlaceholders = new HashMap<>();
    private final CustomAttributeSql customSql = new CustomAttributeSql(this);

    private final Map<String, Attribute> system;

    FilterTranslator(Map<String, IndexedValueType> custom, int firstParamIndex) {
        this(custom, firstParamIndex, Attribute.SYSTEM);
    }

    FilterTranslator(Map<String, IndexedValueType> custom, int firstParamIndex, Map<String, Attribute> system) {
        this.system = system;
        this.custom = custom;
        this.firstParamIndex = firstParamIndex;
    }

    List<Object> params() {
        return params;
    }

    /** The SQL of {@code node}; AND and OR lists come back parenthesised, other predicates bare. */
    String translate(Node node) {
        if (node instanceof And and) {
            return join(and.terms(), " AND ");
        }
        if (node instanceof Or or) {
            return join(or.terms(), " OR ");
        }
        if (node instanceof Not not) {
            String inner = translate(not.term());
            return "NOT " + (not.term() instanceof And || not.term() instanceof Or ? inner : "(" + inner + ")");
        }
        if (node instanceof Compare c) {
            return compare(resolve(c.name()), c.operator(), c.value(), c.name().position());
        }
        if (node instanceof In in) {
            return in(resolve(in.name()), in.negated(), in.values(), in.name().position());
        }
        if (node instanceof Between b) {
            Attribute attribute = resolve(b.name());
            require(attribute, b.negated() ? "NOT BETWEEN" : "BETWEEN", b.name().position(), Category.RANGE);
            Operand operand = operand(attribute, List.of(b.from(), b.to()));
            return operand.sql() + (b.negated() ? " NOT BETWEEN " : " BETWEEN ") + operand.placeholder(0)
                    + " AND " + operand.placeholder(1);
        }
        if (node instanceof StartsWith s) {
            Attribute attribute = resolve(s.name());
            require(attribute, s.negated() ? "NOT STARTS_WITH" : "STARTS_WITH", s.name().position(),
                    Category.PREFIX);
            String prefix = QueryValues.keyword(attribute, s.prefix());
            return scalar(attribute) + (s.negated() ? " NOT LIKE " : " LIKE ") + bind(escapeLike(prefix) + "%")
                    + LIKE_ESCAPE;
        }
        IsNull isNull = (IsNull) node;
        Attribute attribute = resolve(isNull.name());
        String tested = attribute.custom() ? customSql.json(attribute) : attribute.column();
        return tested + (isNull.negated() ? " IS NOT NULL" : " IS NULL");
    }

    private String join(List<Node> terms, String operator) {
        return terms.stream().map(this::translate).collect(Collectors.joining(operator, "(", ")"));
    }

    private Attribute resolve(QueryAst.Name name) {
        return Attribute.resolve(name, custom, system);
    }

    private String compare(Attribute attribute, String operator, Literal value, int position) {
        Category category = Category.of(attribute);
        boolean ordering = ORDERING.contains(operator);
        if (ordering && !category.orderable) {
            throw unsupported(attribute, operator, position);
        }
        if (attribute.custom()) {
            String special = customSql.compare(attribute, operator, value);
            if (special != null) {
                return special;
            }
        }
        Operand operand = operand(attribute, List.of(value));
        return operand.sql() + " " + (operator.equals("!=") ? "<>" : operator) + " " + operand.placeholder(0);
    }

    private String in(Attribute attribute, boolean negated, List<Literal> values, int position) {
        require(attribute, negated ? "NOT IN" : "IN", position, Category.LIST);
        if (attribute.custom()) {
            String special = customSql.in(attribute, negated, values);
            if (special != null) {
                return special;
            }
        }
        Operand operand = operand(attribute, values);
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            placeholders.add(operand.placeholder(i));
        }
        return operand.sql() + (negated ? " NOT IN (" : " IN (") + String.join(", ", placeholders) + ")";
    }

    /** Fails unless the attribute's type is in {@code allowed}. */
    private static void require(Attribute attribute, String operator, int position, Set<Category> allowed) {
        if (!allowed.contains(Category.of(attribute))) {
            throw unsupported(attribute, operator, position);
        }
    }

    static InvalidQueryException unsupported(Attribute attribute, String operator, int position) {
        return InvalidQueryException.notSupported("operator '" + operator + "' not supported for "
                + attribute.typeName()
                + " type search attribute '" + attribute.name() + "'", position);
    }

    /**
     * The attribute as a scalar SQL expression and the literals bound as typed parameters. Integers compared with a
     * decimal are compared as FLOAT8 on both sides, so the server never has to bind a Double to a BIGINT.
     */
    private Operand operand(Attribute attribute, List<Literal> literals) {
        List<Object> values = new ArrayList<>();
        for (Literal literal : literals) {
            values.add(value(attribute, literal));
        }
        String sql = scalar(attribute);
        if (Category.of(attribute) == Category.NUMBER && attribute.kind() != Attribute.Kind.DURATION) {
            boolean decimal = attribute.type() == IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE
                    || values.stream().anyMatch(Double.class::isInstance);
            if (decimal) {
                values.replaceAll(v -> ((Number) v).doubleValue());
                sql = attribute.custom() ? customSql.cast(attribute, "FLOAT8") : sql + "::FLOAT8";
            } else if (attribute.custom()) {
                sql = customSql.cast(attribute, "BIGINT");
            }
        }
        List<String> placeholders = values.stream().map(this::bind).toList();
        return new Operand(sql, placeholders);
    }

    /** The attribute's value as SQL; for a custom attribute of a non-string type, before its cast. */
    private String scalar(Attribute attribute) {
        if (attribute.custom()) {
            return switch (attribute.type()) {
                case INDEXED_VALUE_TYPE_BOOL -> customSql.cast(attribute, "BOOLEAN");
                case INDEXED_VALUE_TYPE_DATETIME -> customSql.cast(attribute, "TIMESTAMPTZ");
                default -> customSql.text(attribute);
            };
        }
        // Stored in milliseconds, queried in nanoseconds: scale the column, not the value, so nothing is rounded.
        return attribute.kind() == Attribute.Kind.DURATION
                ? "(" + attribute.column() + " * 1000000)" : attribute.column();
    }

    /** The literal as the Java value bound for this attribute, after checking its type. */
    static Object value(Attribute attribute, Literal literal) {
        if (attribute.kind() == Attribute.Kind.STATUS) {
            return QueryValues.status(literal);
        }
        if (attribute.kind() == Attribute.Kind.DURATION) {
            return QueryValues.durationNanos(literal);
        }
        return switch (attribute.type()) {
            case INDEXED_VALUE_TYPE_INT, INDEXED_VALUE_TYPE_DOUBLE -> QueryValues.number(attribute, literal);
            case INDEXED_VALUE_TYPE_BOOL -> QueryValues.bool(attribute, literal);
            case INDEXED_VALUE_TYPE_DATETIME -> QueryValues.datetime(attribute, literal);
            case INDEXED_VALUE_TYPE_TEXT -> QueryValues.text(attribute, literal);
            default -> QueryValues.keyword(attribute, literal);
        };
    }

    /** Adds a parameter and returns its placeholder. */
    String bind(Object value) {
        if (params.size() >= MAX_PARAMS) {
            throw InvalidQueryException.notSupported("more than " + MAX_PARAMS + " values in one query", 0);
        }
        params.add(value);
        return "$" + (firstParamIndex + params.size() - 1);
    }

    /** One placeholder per custom attribute name, however often the query names it. */
    String keyPlaceholder(String name) {
        return keyPlaceholders.computeIfAbsent(name, n -> bind(n) + "::TEXT");
    }

    /** Escapes LIKE's wildcards (and the escape character itself) so the value matches literally. */
    static String escapeLike(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private record Operand(String sql, List<String> placeholders) {
        String placeholder(int i) {
            return placeholders.get(i);
        }
    }

    /** What an attribute's type allows, following Temporal's operator tables per type. */
    enum Category {
        KEYWORD(true), STATUS(false), TEXT(false), KEYWORD_LIST(false), NUMBER(true), DATETIME(true), BOOL(false);

        static final Set<Category> RANGE = Set.of(KEYWORD, NUMBER, DATETIME);
        static final Set<Category> PREFIX = Set.of(KEYWORD);
        static final Set<Category> LIST = Set.of(KEYWORD, STATUS, KEYWORD_LIST, NUMBER, DATETIME, BOOL);

        /** Supports {@code < > <= >=}. */
        final boolean orderable;

        Category(boolean orderable) {
            this.orderable = orderable;
        }

        static Category of(Attribute attribute) {
            if (attribute.kind() == Attribute.Kind.STATUS) {
                return STATUS;
            }
            return switch (attribute.type()) {
                case INDEXED_VALUE_TYPE_TEXT -> TEXT;
                case INDEXED_VALUE_TYPE_KEYWORD_LIST -> KEYWORD_LIST;
                case INDEXED_VALUE_TYPE_INT, INDEXED_VALUE_TYPE_DOUBLE -> NUMBER;
                case INDEXED_VALUE_TYPE_DATETIME -> DATETIME;
                case INDEXED_VALUE_TYPE_BOOL -> BOOL;
                default -> KEYWORD;
            };
        }
    }
}
