package io.cadenza.dataplane.visibility;

import io.cadenza.dataplane.visibility.QueryAst.And;
import io.cadenza.dataplane.visibility.QueryAst.Between;
import io.cadenza.dataplane.visibility.QueryAst.Compare;
import io.cadenza.dataplane.visibility.QueryAst.In;
import io.cadenza.dataplane.visibility.QueryAst.IsNull;
import io.cadenza.dataplane.visibility.QueryAst.Literal;
import io.cadenza.dataplane.visibility.QueryAst.Name;
import io.cadenza.dataplane.visibility.QueryAst.Node;
import io.cadenza.dataplane.visibility.QueryAst.Not;
import io.cadenza.dataplane.visibility.QueryAst.Or;
import io.cadenza.dataplane.visibility.QueryAst.Order;
import io.cadenza.dataplane.visibility.QueryAst.Query;
import io.cadenza.dataplane.visibility.QueryAst.StartsWith;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser of Temporal's list filter:
 *
 * <pre>
 * query     := [or] [GROUP BY name] [ORDER BY name [ASC|DESC]]
 * or        := and {OR and}
 * and       := not {AND not}
 * not       := NOT not | '(' or ')' | predicate
 * predicate := name ( op value | [NOT] IN '(' value {',' value} ')' | [NOT] BETWEEN value AND value
 *                   | [NOT] STARTS_WITH value | IS [NOT] NULL )
 * value     := string | [+|-] number | TRUE | FALSE
 * </pre>
 *
 * AND binds tighter than OR, as in SQL. Keywords are case-insensitive; a backquoted name is never a keyword.
 */
final class QueryParser {

    /** Deep enough for any real query; bounds recursion so a hostile one cannot overflow the stack. */
    private static final int MAX_DEPTH = 100;
    /** Words that cannot name an attribute unless backquoted: they would make the grammar ambiguous. */
    private static final Set<String> RESERVED =
            Set.of("AND", "OR", "NOT", "IN", "BETWEEN", "IS", "NULL", "TRUE", "FALSE", "LIKE");

    private final List<Token> tokens;
    private int at;
    private int depth;

    private QueryParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Query parse(String query) {
        return new QueryParser(QueryLexer.tokenize(query)).query();
    }

    private Query query() {
        Node where = null;
        if (peek().type() != Token.Type.END && !clauseStarts("GROUP") && !clauseStarts("ORDER")) {
            where = or();
        }
        Name groupBy = null;
        if (clauseStarts("GROUP")) {
            at += 2;
            groupBy = name();
            if (peek().type() == Token.Type.COMMA) {
                throw InvalidQueryException.notSupported("'GROUP BY' clause supports only a single field",
                        peek().position());
            }
        }
        Order order = null;
        if (clauseStarts("ORDER")) {
            at += 2;
            Name name = name();
            boolean descending = false;
            if (peek().isKeyword("DESC")) {
                descending = true;
                at++;
            } else if (peek().isKeyword("ASC")) {
                at++;
            }
            if (peek().type() == Token.Type.COMMA) {
                throw InvalidQueryException.notSupported("'ORDER BY' clause supports only a single field",
                        peek().position());
            }
            order = new Order(name, descending);
        }
        Token rest = peek();
        if (rest.isKeyword("LIMIT")) {
            throw InvalidQueryException.notSupported("'LIMIT' clause", rest.position());
        }
        if (rest.type() != Token.Type.END) {
            throw InvalidQueryException.malformed("unexpected " + rest.describe(), rest.position());
        }
        return new Query(where, groupBy, order);
    }

    /** {@code GROUP BY} / {@code ORDER BY}: both words, so an attribute may still be called Order or Group. */
    private boolean clauseStarts(String keyword) {
        return peek().isKeyword(keyword) && at + 1 < tokens.size() && tokens.get(at + 1).isKeyword("BY");
    }

    private Node or() {
        List<Node> terms = new ArrayList<>(List.of(and()));
        while (peek().isKeyword("OR")) {
            at++;
            terms.add(and());
        }
        return terms.size() == 1 ? terms.get(0) : new Or(List.copyOf(terms));
    }

    private Node and() {
        List<Node> terms = new ArrayList<>(List.of(not()));
        while (peek().isKeyword("AND")) {
            at++;
            terms.add(not());
        }
        return terms.size() == 1 ? terms.get(0) : new And(List.copyOf(terms));
    }

    private Node not() {
        Token token = peek();
        if (++depth > MAX_DEPTH) {
            throw InvalidQueryException.notSupported("more than " + MAX_DEPTH + " nested NOTs or parentheses",
                    token.position());
        }
        try {
            if (token.isKeyword("NOT")) {
                at++;
                return new Not(not());
            }
            if (token.type() == Token.Type.LPAREN) {
                at++;
                Node inner = or();
                expect(Token.Type.RPAREN, "')'");
                return inner;
            }
            return predicate();
        } finally {
            depth--;
        }
    }

    private Node predicate() {
        Name name = name();
        Token token = next();
        if (token.type() == Token.Type.OPERATOR) {
            return new Compare(name, token.text(), value());
        }
        if (token.isKeyword("IS")) {
            boolean negated = peek().isKeyword("NOT");
            if (negated) {
                at++;
            }
            if (!next().isKeyword("NULL")) {
                throw InvalidQueryException.invalid(
                        "'IS' operator can only be used as 'IS NULL' or 'IS NOT NULL'", token.position());
            }
            return new IsNull(name, negated);
        }
        boolean negated = token.isKeyword("NOT");
        Token operator = negated ? next() : token;
        if (operator.isKeyword("IN")) {
            return new In(name, negated, list());
        }
        if (operator.isKeyword("BETWEEN")) {
            Literal from = value();
            Token and = next();
            if (!and.isKeyword("AND")) {
                throw InvalidQueryException.malformed("expected AND in BETWEEN but found " + and.describe(),
                        and.position());
            }
            return new Between(name, negated, from, value());
        }
        if (operator.isKeyword("STARTS_WITH")) {
            return new StartsWith(name, negated, value());
        }
        if (operator.isKeyword("LIKE")) {
            throw InvalidQueryException.notSupported("operator '" + (negated ? "NOT LIKE" : "LIKE") + "'",
                    operator.position());
        }
        if (negated) {
            throw InvalidQueryException.malformed("expected IN, BETWEEN or STARTS_WITH after NOT but found "
                    + operator.describe(), operator.position());
        }
        throw InvalidQueryException.malformed("expected an operator after '" + name.text() + "' but found "
                + token.describe(), token.position());
    }

    private List<Literal> list() {
        expect(Token.Type.LPAREN, "'('");
        List<Literal> values = new ArrayList<>(List.of(value()));
        while (peek().type() == Token.Type.COMMA) {
            at++;
            values.add(value());
        }
        expect(Token.Type.RPAREN, "',' or ')'");
        return List.copyOf(values);
    }

    private Name name() {
        Token token = next();
        boolean reserved = !token.quoted() && RESERVED.contains(token.text().toUpperCase(Locale.ROOT));
        if (token.type() != Token.Type.NAME || reserved) {
            throw InvalidQueryException.malformed("expected a search attribute name but found " + token.describe(),
                    token.position());
        }
        return new Name(token.text(), token.position());
    }

    private Literal value() {
        Token token = next();
        switch (token.type()) {
            case STRING:
                return new Literal(token.text(), token.position());
            case INTEGER:
            case DECIMAL:
                return number(token, "");
            case SIGN:
                Token number = next();
                if (number.type() != Token.Type.INTEGER && number.type() != Token.Type.DECIMAL) {
                    throw InvalidQueryException.invalid("unary operator '" + token.text()
                            + "' is only supported before a number", token.position());
                }
                return number(number, token.text().equals("-") ? "-" : "");
            case NAME:
                if (token.isKeyword("TRUE") || token.isKeyword("FALSE")) {
                    return new Literal(Boolean.valueOf(token.text()), token.position());
                }
                if (token.isKeyword("NULL")) {
                    throw InvalidQueryException.invalid("NULL is not a value: use IS NULL or IS NOT NULL",
                            token.position());
                }
                throw InvalidQueryException.notSupported("column name on the right side of comparison expression"
                        + " (did you forget to quote '" + token.text() + "'?)", token.position());
            default:
                throw InvalidQueryException.malformed("expected a value but found " + token.describe(),
                        token.position());
        }
    }

    private static Literal number(Token token, String sign) {
        String text = sign + token.text();
        try {
            if (token.type() == Token.Type.INTEGER) {
                return new Literal(Long.parseLong(text), token.position());
            }
            double value = Double.parseDouble(text);
            if (Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return new Literal(value, token.position());
        } catch (NumberFormatException e) {
            throw InvalidQueryException.invalid("unable to parse value " + text, token.position());
        }
    }

    private void expect(Token.Type type, String what) {
        Token token = next();
        if (token.type() != type) {
            throw InvalidQueryException.malformed("expected " + what + " but found " + token.describe(),
                    token.position());
        }
    }

    private Token peek() {
        return tokens.get(at);
    }

    /** The current token, moving past it unless it is the end (which stays, so errors can keep naming it). */
    private Token next() {
        Token token = tokens.get(at);
        if (token.type() != Token.Type.END) {
            at++;
        }
        return token;
    }
}
