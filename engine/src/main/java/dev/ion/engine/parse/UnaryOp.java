package dev.ion.engine.parse;

/** The prefix operators of {@link Ast.Unary}: {@code -x} and {@code !x}. */
public enum UnaryOp {
    NEG("-"), NOT("!");

    private final String symbol;

    UnaryOp(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in source. */
    public String symbol() {
        return symbol;
    }
}
