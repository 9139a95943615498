package dev.ion.engine.lex;

/**
 * Every kind of token the {@link Scanner} produces (LANGUAGE.md §1). Keywords and
 * punctuation carry their source text so error messages can quote what was expected.
 */
public enum TokenType {
    // literals and names
    IDENT(null), INT(null), FLOAT(null), STRING(null), FSTRING(null), BYTES(null), LABEL(null),

    // keywords
    LET("let"), MUT("mut"), FN("fn"), MATCH("match"), IF("if"), ELSE("else"), FOR("for"),
    WHILE("while"), LOOP("loop"), BREAK("break"), CONTINUE("continue"), RETURN("return"),
    IN("in"), AS("as"), TRUE("true"), FALSE("false"), NONE("None"), SOME("Some"), OK("Ok"),
    ERR("Err"), ASYNC("async"), SPAWN("spawn"), AWAIT("await"), SELECT("select"), TRY("try"),
    CATCH("catch"), USE("use"),

    // operators and punctuation
    PLUS("+"), MINUS("-"), STAR("*"), SLASH("/"), PERCENT("%"),
    EQ_EQ("=="), BANG_EQ("!="), LT("<"), GT(">"), LT_EQ("<="), GT_EQ(">="),
    AMP_AMP("&&"), PIPE_PIPE("||"), BANG("!"), AMP("&"), PIPE("|"), CARET("^"),
    LT_LT("<<"), GT_GT(">>"),
    EQ("="), PLUS_EQ("+="), MINUS_EQ("-="), STAR_EQ("*="), SLASH_EQ("/="),
    PIPE_GT("|>"), DOT_DOT(".."), DOT_DOT_EQ("..="), DOT_DOT_DOT("..."), FAT_ARROW("=>"),
    COLON_COLON("::"), QUESTION("?"), DOT("."), COMMA(","), SEMI(";"), COLON(":"),
    LPAREN("("), RPAREN(")"), LBRACKET("["), RBRACKET("]"), LBRACE("{"), RBRACE("}"),
    HASH_BRACE("#{"),

    EOF(null);

    private final String text;

    TokenType(String text) {
        this.text = text;
    }

    /** The fixed source text of a keyword or punctuation token, or null for variable tokens. */
    public String text() {
        return text;
    }

    /** Whether this is a reserved word. */
    public boolean isKeyword() {
        return ordinal() >= LET.ordinal() && ordinal() <= USE.ordinal();
    }
}
