package io.cadenza.dataplane.visibility;

import io.cadenza.dataplane.visibility.QueryAst.Literal;
import io.temporal.api.enums.v1.IndexedValueType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL over custom search attributes, which live in {@code executions.search_attributes} (JSONB, name -> value).
 *
 * <ul>
 *   <li>Equality and IN on Keyword, KeywordList, Int, Double and Bool are JSONB containment,
 *       {@code search_attributes @> '{"Name": value}'}: the one form the GIN index serves (in PostgreSQL and in
 *       CockroachDB). For a KeywordList, {@code '{"Name": ["v"]}'} means "the list contains v".</li>
 *   <li>Everything else reads the value with {@code search_attributes ->> 'Name'} and casts it (BIGINT, FLOAT8,
 *       BOOLEAN, TIMESTAMPTZ): ranges, negations, Datetime equality, STARTS_WITH, Text. These are not
 *       index-assisted; they filter the rows the other predicates (and the namespace) select.</li>
 *   <li>Text {@code =} matches when every whitespace-separated word of the value occurs in the attribute,
 *       ignoring case: {@code LOWER(v) LIKE LOWER('%word%')} per word. Looser than Temporal's Elasticsearch token
 *       match ('foo' also matches 'foobar'), which SQL cannot do portably without a text-search index.</li>
 * </ul>
 * The attribute name is always a parameter ({@code $n::TEXT}), never part of the SQL text.
 */
final class CustomAttributeSql {

    private final FilterTranslator translator;

    CustomAttributeSql(FilterTranslator translator) {
        this.translator = translator;
    }

    /** The attribute's value as text (SQL NULL when absent). */
    String text(Attribute attribute) {
        return "(search_attributes ->> " + translator.keyPlaceholder(attribute.name()) + ")";
    }

    /** The attribute's value as JSONB (SQL NULL when absent), for IS [NOT] NULL. */
    String json(Attribute attribute) {
        return "(search_attributes -> " + translator.keyPlaceholder(attribute.name()) + ")";
    }

    String cast(Attribute attribute, String sqlType) {
        return text(attribute) + "::" + sqlType;
    }

    /** {@code =} / {@code !=} forms specific to JSONB, or {@code null} when the generic scalar comparison applies. */
    String compare(Attribute attribute, String operator, Literal value) {
        boolean equal = operator.equals("=");
        switch (attribute.type()) {
            case INDEXED_VALUE_TYPE_TEXT:
                text(attribute); // binds the name first, so placeholders read in the order of the query
                String match = textMatch(attribute, QueryValues.text(attribute, value));
                return equal ? match : "NOT " + parenthesised(match);
            case INDEXED_VALUE_TYPE_KEYWORD_LIST:
                if (!equal) {
                    json(attribute);
                }
                String contains = contains(attribute, value);
                return equal ? contains : present(attribute, contains);
            case INDEXED_VALUE_TYPE_KEYWORD:
            case INDEXED_VALUE_TYPE_INT:
            case INDEXED_VALUE_TYPE_DOUBLE:
            case INDEXED_VALUE_TYPE_BOOL:
                return equal ? contains(attribute, value) : null;
            default:
                return null;
        }
    }

    /** IN as a disjunction of containments; NOT IN for a KeywordList; {@code null} for the generic forms. */
    String in(Attribute attribute, boolean negated, List<Literal> values) {
        switch (attribute.type()) {
            case INDEXED_VALUE_TYPE_KEYWORD_LIST:
            case INDEXED_VALUE_TYPE_KEYWORD:
            case INDEXED_VALUE_TYPE_INT:
            case INDEXED_VALUE_TYPE_DOUBLE:
            case INDEXED_VALUE_TYPE_BOOL:
                if (negated && attribute.type() != IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST) {
                    return null;
                }
                if (negated) {
                    json(attribute);
                }
                List<String> containments = new ArrayList<>();
                for (Literal value : values) {
                    containments.add(contains(attribute, value));
                }
                String any = containments.size() == 1 ? containments.get(0)
                        : "(" + String.join(" OR ", containments) + ")";
                return negated ? present(attribute, any) : any;
            default:
                return null;
        }
    }

    /** "Has the attribute, and not {@code condition}": a run without it matches no negation (SQL NULL logic). */
    private String present(Attribute attribute, String condition) {
        return "(" + json(attribute) + " IS NOT NULL AND NOT " + parenthesised(condition) + ")";
    }

    private String contains(Attribute attribute, Literal literal) {
        Object value = FilterTranslator.value(attribute, literal);
        Object json = attribute.type() == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST
                ? new JsonArray().add(value) : value;
        return "search_attributes @> " + translator.bind(new JsonObject().put(attribute.name(), json)) + "::JSONB";
    }

    private String textMatch(Attribute attribute, String value) {
        List<String> words = new ArrayList<>();
        for (String word : value.trim().split("\\s+")) {
            String pattern = translator.bind("%" + FilterTranslator.escapeLike(word) + "%");
            words.add("LOWER(" + text(attribute) + ") LIKE LOWER(" + pattern + ")" + FilterTranslator.LIKE_ESCAPE);
        }
        return words.size() == 1 ? words.get(0) : "(" + String.join(" AND ", words) + ")";
    }

    /** Wraps a condition for NOT; a double parenthesis around multi-word Text matches is harmless. */
    private static String parenthesised(String sql) {
        return "(" + sql + ")";
    }
}
