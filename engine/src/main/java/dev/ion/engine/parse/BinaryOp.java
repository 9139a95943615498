package dev.ion.engine.parse;

/**
 * The operators of {@link Ast.Binary} and of compound assignment ({@code x += 1}): the parser
 * names each one once here, so later stages switch over a closed set instead of comparing text.
 * ({@code && ||} are {@link Ast.Logical}, {@code |>} is {@link Ast.Pipe}, ranges are {@link Ast.Range}.)
 */
public enum BinaryOp {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"),
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    BAND("&"), BOR("|"), BXOR("^"), SHL("<<"), SHR(">>");

    private final String symbol;

    BinaryOp(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in source. */
    public String symbol() {
        return symbol;
    }

    /** The operator written {@code symbol}. */
    static BinaryOp ofSymbol(String symbol) {
        for (BinaryOp op : values()) if (op.symbol.equals(symbol)) return op;
        throw new IllegalArgumentException("not a binary operator: " + symbol);
    }
}
