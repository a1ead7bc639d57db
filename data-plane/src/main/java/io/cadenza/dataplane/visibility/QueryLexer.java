package io.cadenza.dataplane.visibility;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a visibility query into {@link Token}s.
 *
 * <p>Strings take single or double quotes; as in the MySQL dialect Temporal parses with, a quote is escaped by
 * doubling it or with a backslash, {@code \n}, {@code \t}, {@code \r} are control characters and any other
 * backslash-escaped character stands for itself. Names are {@code [A-Za-z_][A-Za-z0-9_]*} or anything but a
 * backquote between backquotes. Numbers are integers or decimals (with an optional exponent); their sign is a
 * separate token so that {@code a-1} lexes the same as {@code a - 1}.
 */
final class QueryLexer {

    private final String query;
    private int at;

    private QueryLexer(String query) {
        this.query = query;
    }

    /** The tokens of {@code query}, ending with one {@link Token.Type#END}. */
    static List<Token> tokenize(String query) {
        QueryLexer lexer = new QueryLexer(query);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.type() != Token.Type.END);
        return tokens;
    }

    private Token next() {
        while (at < query.length() && Character.isWhitespace(query.charAt(at))) {
            at++;
        }
        int start = at;
        if (at >= query.length()) {
            return new Token(Token.Type.END, "", false, start + 1);
        }
        char c = query.charAt(at);
        if (c == '\'' || c == '"') {
            return string(c);
        }
        if (c == '`') {
            return quotedName();
        }
        if (isDigit(c) || (c == '.' && at + 1 < query.length() && isDigit(query.charAt(at + 1)))) {
            return number();
        }
        if (isNameStart(c)) {
            while (at < query.length() && isNamePart(query.charAt(at))) {
                at++;
            }
            return new Token(Token.Type.NAME, query.substring(start, at), false, start + 1);
        }
        at++;
        return switch (c) {
            case '(' -> new Token(Token.Type.LPAREN, "(", false, start + 1);
            case ')' -> new Token(Token.Type.RPAREN, ")", false, start + 1);
            case ',' -> new Token(Token.Type.COMMA, ",", false, start + 1);
            case '+', '-' -> new Token(Token.Type.SIGN, String.valueOf(c), false, start + 1);
            case '=' -> operator("=", start);
            case '<' -> operator(follows('=') ? "<=" : follows('>') ? "!=" : "<", start);
            case '>' -> operator(follows('=') ? ">=" : ">", start);
            case '!' -> {
                if (!follows('=')) {
                    throw InvalidQueryException.malformed("unexpected character '!'", start + 1);
                }
                yield operator("!=", start);
            }
            default -> throw InvalidQueryException.malformed("unexpected character '" + c + "'", start + 1);
        };
    }

    /** Consumes {@code c} if it is the next character. */
    private boolean follows(char c) {
        if (at < query.length() && query.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private static Token operator(String op, int start) {
        // "<>" is reported and translated as "!=", its synonym.
        return new Token(Token.Type.OPERATOR, op, false, start + 1);
    }

    private Token string(char quote) {
        int start = at++;
        StringBuilder value = new StringBuilder();
        while (at < query.length()) {
            char c = query.charAt(at++);
            if (c == quote) {
                if (at < query.length() && query.charAt(at) == quote) {
                    value.append(quote);
                    at++;
                    continue;
                }
                return new Token(Token.Type.STRING, value.toString(), false, start + 1);
            }
            if (c == '\\' && at < query.length()) {
                char escaped = query.charAt(at++);
                value.append(switch (escaped) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> escaped;
                });
                continue;
            }
            value.append(c);
        }
        throw InvalidQueryException.malformed("unterminated string", start + 1);
    }

    private Token quotedName() {
        int start = at++;
        int end = query.indexOf('`', at);
        if (end < 0) {
            throw InvalidQueryException.malformed("unterminated backquoted name", start + 1);
        }
        String name = query.substring(at, end);
        at = end + 1;
        if (name.isBlank()) {
            throw InvalidQueryException.malformed("empty backquoted name", start + 1);
        }
        return new Token(Token.Type.NAME, name, true, start + 1);
    }

    private Token number() {
        int start = at;
        boolean decimal = false;
        digits();
        if (at < query.length() && query.charAt(at) == '.') {
            decimal = true;
            at++;
            digits();
        }
        if (at < query.length() && (query.charAt(at) == 'e' || query.charAt(at) == 'E')) {
            int mark = at++;
            if (at < query.length() && (query.charAt(at) == '+' || query.charAt(at) == '-')) {
                at++;
            }
            if (at < query.length() && isDigit(query.charAt(at))) {
                decimal = true;
                digits();
            } else {
                at = mark;
            }
        }
        if (at < query.length() && isNamePart(query.charAt(at))) {
            throw InvalidQueryException.malformed("unexpected character '" + query.charAt(at) + "' in number",
                    at + 1);
        }
        return new Token(decimal ? Token.Type.DECIMAL : Token.Type.INTEGER, query.substring(start, at), false,
                start + 1);
    }

    private void digits() {
        while (at < query.length() && isDigit(query.charAt(at))) {
            at++;
        }
    }

    /** ASCII only: {@link Character#isDigit} would also take other scripts' digits, which Long.parseLong rejects. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }
}
