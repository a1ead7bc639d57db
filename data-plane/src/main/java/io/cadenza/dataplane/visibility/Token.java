package io.cadenza.dataplane.visibility;

/**
 * One lexical token of a visibility query.
 *
 * @param text     for {@link Type#NAME} the attribute or keyword text (without backquotes), for {@link Type#STRING}
 *                 the unescaped string, otherwise the source text
 * @param quoted   a backquoted name: never a keyword, so {@code `Order`} can name an attribute
 * @param position 1-based character position of the token's first character
 */
record Token(Type type, String text, boolean quoted, int position) {

    enum Type { NAME, STRING, INTEGER, DECIMAL, OPERATOR, SIGN, LPAREN, RPAREN, COMMA, END }

    /** A keyword is an unquoted name, matched case-insensitively as SQL does. */
    boolean isKeyword(String keyword) {
        return type == Type.NAME && !quoted && text.equalsIgnoreCase(keyword);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (type) {
            case END -> "end of query";
            case STRING -> "string '" + text + "'";
            case NAME -> quoted ? "`" + text + "`" : "'" + text + "'";
            default -> "'" + text + "'";
        };
    }
}
