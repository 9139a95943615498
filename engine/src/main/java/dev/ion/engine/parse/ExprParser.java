package dev.ion.engine.parse;

import dev.ion.engine.lex.FStringPart;
import dev.ion.engine.lex.Token;
import dev.ion.engine.lex.TokenType;

import java.util.ArrayList;
import java.util.List;

/**
 * Expressions by precedence climbing (LANGUAGE.md §3.4): binary operators, unary prefixes,
 * postfix chains, literals, collections, comprehensions, closures, calls and f-strings.
 * Control-flow expressions are delegated to {@link ControlParser}, blocks to {@link Parser}.
 *
 * <p>Every level of nesting, including each link of a left-nested operator or postfix chain,
 * goes through {@link Cursor#enter()}, so both the recursion and the depth of the resulting
 * tree stay bounded.
 */
final class ExprParser {
    // binding powers, loosest first
    static final int PIPE = 1;
    static final int OR = 2;
    static final int AND = 3;
    static final int BIT_OR = 4;
    static final int XOR = 5;
    static final int BIT_AND = 6;
    static final int EQUALITY = 7;
    static final int COMPARE = 8;
    static final int SHIFT = 9;
    static final int RANGE = 10;
    static final int SUM = 11;
    static final int PRODUCT = 12;
    static final int UNARY = 13;

    private final Cursor c;
    private final PatternParser patterns;
    Parser stmts;
    ControlParser control;

    ExprParser(Cursor c, PatternParser patterns) {
        this.c = c;
        this.patterns = patterns;
    }

    /**
     * An expression whose binary operators all bind at least as tightly as {@code minPrec};
     * {@code parseExpr(PIPE)} is a full expression. (Callers call this directly rather than
     * through a wrapper: every Java frame on a recursive path costs stack per nesting level.)
     */
    Ast.Expr parseExpr(int minPrec) {
        c.enter();
        TokenType t = c.type();
        Ast.Expr left = t == TokenType.MINUS || t == TokenType.BANG ? parsePrefixOps()
                : parsePostfix(parsePrimary());
        left = parseInfix(left, minPrec);
        c.leave();
        return left;
    }

    static int infixPrec(TokenType t) {
        return switch (t) {
            case PIPE_GT -> PIPE;
            case PIPE_PIPE -> OR;
            case AMP_AMP -> AND;
            case PIPE -> BIT_OR;
            case CARET -> XOR;
            case AMP -> BIT_AND;
            case EQ_EQ, BANG_EQ -> EQUALITY;
            case LT, GT, LT_EQ, GT_EQ -> COMPARE;
            case LT_LT, GT_GT -> SHIFT;
            case DOT_DOT, DOT_DOT_EQ -> RANGE;
            case PLUS, MINUS -> SUM;
            case STAR, SLASH, PERCENT -> PRODUCT;
            default -> -1;
        };
    }

    /** Whether a token can begin an expression (decides if {@code break}/{@code return} have a value). */
    static boolean canStartExpression(TokenType t) {
        return switch (t) {
            case INT, FLOAT, STRING, FSTRING, BYTES, IDENT, TRUE, FALSE, NONE, SOME, OK, ERR, LPAREN,
                 LBRACKET, HASH_BRACE, LBRACE, MINUS, BANG, PIPE, PIPE_PIPE, FN, IF, MATCH, LOOP, WHILE,
                 FOR, LABEL, ASYNC, SPAWN, SELECT, TRY, BREAK, CONTINUE, RETURN -> true;
            default -> false;
        };
    }

    /** Applies binary operators to {@code left} while they bind at least as tightly as {@code minPrec}. */
    Ast.Expr parseInfix(Ast.Expr left, int minPrec) {
        int chain = 0;
        while (true) {
            Token op = c.peek();
            int prec = infixPrec(op.type());
            if (prec < minPrec || prec < 0) {
                break;
            }
            c.advance();
            c.enter();
            chain++;
            Ast.Expr right = parseExpr(prec + 1);
            Span span = left.span().to(right.span());
            left = switch (op.type()) {
                case PIPE_GT -> new Ast.Pipe(left, right, span);
                case AMP_AMP -> new Ast.Logical(true, left, right, span);
                case PIPE_PIPE -> new Ast.Logical(false, left, right, span);
                case DOT_DOT, DOT_DOT_EQ -> new Ast.Range(left, right, op.type() == TokenType.DOT_DOT_EQ, span);
                default -> new Ast.Binary(BinaryOp.ofSymbol(op.lexeme()), left, right, span);
            };
            if (prec == RANGE && infixPrec(c.type()) == RANGE) {
                throw c.error(c.peek(), "range operators cannot be chained (add parentheses)");
            }
        }
        c.depth -= chain;
        return left;
    }

    /** A run of prefix {@code -} / {@code !} operators applied to a postfix expression, without recursion. */
    private Ast.Expr parsePrefixOps() {
        List<Token> ops = new ArrayList<>();
        while (c.at(TokenType.MINUS) || c.at(TokenType.BANG)) {
            ops.add(c.advance());
            c.enter();
        }
        Ast.Expr e = parsePostfix(parsePrimary());
        for (int i = ops.size() - 1; i >= 0; i--) {
            Token op = ops.get(i);
            e = new Ast.Unary(op.type() == TokenType.MINUS ? UnaryOp.NEG : UnaryOp.NOT, e, c.spanFrom(op));
        }
        c.depth -= ops.size();
        return e;
    }

    // ------------------------------------------------------------------ postfix

    Ast.Expr parsePostfix(Ast.Expr e) {
        int chain = 0;
        while (true) {
            TokenType t = c.type();
            if (t != TokenType.QUESTION && t != TokenType.DOT && t != TokenType.LBRACKET && t != TokenType.LPAREN) {
                break;
            }
            c.enter();
            chain++;
            Span start = e.span();
            switch (t) {
                case QUESTION -> {
                    c.advance();
                    e = new Ast.Question(e, c.spanFrom(start));
                }
                case DOT -> e = parseDot(e);
                case LBRACKET -> {
                    c.advance();
                    boolean saved = c.noStruct;
                    c.noStruct = false;
                    Ast.Expr index = parseIndex();
                    c.expect(TokenType.RBRACKET, "after index");
                    c.noStruct = saved;
                    e = new Ast.Index(e, index, c.spanFrom(start));
                }
                default -> {
                    List<Ast.Arg> args = parseArgs();
                    e = new Ast.Call(e, args, c.spanFrom(start));
                }
            }
        }
        c.depth -= chain;
        return e;
    }

    private Ast.Expr parseDot(Ast.Expr receiver) {
        c.advance();
        Token name = c.peek();
        Span start = receiver.span();
        if (name.type() == TokenType.AWAIT) {
            c.advance();
            return new Ast.Await(receiver, c.spanFrom(start));
        }
        if (name.type() == TokenType.INT) {
            c.advance();
            return new Ast.Field(receiver, name.lexeme(), c.spanFrom(start));
        }
        if (name.type() != TokenType.IDENT && !name.type().isKeyword()) {
            throw c.error(name, "expected a field or method name after '.', found " + name.describe());
        }
        c.advance();
        if (c.at(TokenType.LPAREN)) {
            List<Ast.Arg> args = parseArgs();
            return new Ast.MethodCall(receiver, name.lexeme(), args, c.spanFrom(start));
        }
        return new Ast.Field(receiver, name.lexeme(), c.spanFrom(start));
    }

    /** The inside of {@code [ ]} after a receiver: an index or a slice range with optional bounds. */
    private Ast.Expr parseIndex() {
        Token start = c.peek();
        if (c.at(TokenType.DOT_DOT) || c.at(TokenType.DOT_DOT_EQ)) {
            Token op = c.advance();
            return new Ast.Range(null, rangeEnd(op), op.type() == TokenType.DOT_DOT_EQ, c.spanFrom(start));
        }
        Ast.Expr low = parseExpr(RANGE + 1);
        if (c.at(TokenType.DOT_DOT) || c.at(TokenType.DOT_DOT_EQ)) {
            Token op = c.advance();
            Ast.Expr high = rangeEnd(op);
            low = new Ast.Range(low, high, op.type() == TokenType.DOT_DOT_EQ, c.spanFrom(low.span()));
            if (infixPrec(c.type()) == RANGE) {
                throw c.error(c.peek(), "range operators cannot be chained (add parentheses)");
            }
        }
        return parseInfix(low, PIPE);
    }

    private Ast.Expr rangeEnd(Token op) {
        if (c.at(TokenType.RBRACKET)) {
            if (op.type() == TokenType.DOT_DOT_EQ) {
                throw c.error(c.peek(), "expected the end of the inclusive range '..=', found ']'");
            }
            return null;
        }
        return parseExpr(RANGE + 1);
    }

    /** {@code ( args )}: positional, {@code name: v}, {@code *list}, {@code **dict}, {@code ...list}. */
    List<Ast.Arg> parseArgs() {
        return c.withNoStruct(false, this::parseArgsInner);
    }

    private List<Ast.Arg> parseArgsInner() {
        c.advance(); // (
        List<Ast.Arg> args = new ArrayList<>();
        boolean sawKeyword = false;
        while (!c.at(TokenType.RPAREN)) {
            Token start = c.peek();
            Ast.ArgKind kind;
            String name = null;
            if (c.at(TokenType.STAR) && c.atNext(TokenType.STAR)) {
                c.advance();
                c.advance();
                kind = Ast.ArgKind.SPREAD_DICT;
            } else if (c.at(TokenType.STAR) || c.at(TokenType.DOT_DOT_DOT)) {
                c.advance();
                kind = Ast.ArgKind.SPREAD;
            } else if (c.at(TokenType.IDENT) && c.atNext(TokenType.COLON)) {
                name = c.advance().lexeme();
                c.advance();
                kind = Ast.ArgKind.KEYWORD;
                sawKeyword = true;
            } else {
                kind = Ast.ArgKind.POSITIONAL;
                if (sawKeyword) {
                    c.report(start, "positional argument after keyword argument");
                }
            }
            Ast.Expr value = parseExpr(PIPE);
            args.add(new Ast.Arg(kind, name, value, c.spanFrom(start)));
            if (!c.match(TokenType.COMMA)) {
                break;
            }
        }
        c.expect(TokenType.RPAREN, "after arguments");
        return args;
    }

    // ------------------------------------------------------------------ primaries

    /** One primary expression (no postfix operators). */
    Ast.Expr parsePrimary() {
        Token t = c.peek();
        switch (t.type()) {
            case INT:
                c.advance();
                return new Ast.IntLit((Long) t.value(), Cursor.span(t));
            case FLOAT:
                c.advance();
                return new Ast.FloatLit((Double) t.value(), Cursor.span(t));
            case STRING:
                c.advance();
                return new Ast.StrLit((String) t.value(), Cursor.span(t));
            case BYTES:
                c.advance();
                return new Ast.BytesLit((byte[]) t.value(), Cursor.span(t));
            case TRUE:
            case FALSE:
                c.advance();
                return new Ast.BoolLit(t.type() == TokenType.TRUE, Cursor.span(t));
            case NONE:
                c.advance();
                return new Ast.NoneLit(Cursor.span(t));
            case FSTRING:
                return parseFString();
            case IDENT:
                return parseName();
            case SOME:
            case OK:
            case ERR:
                return parseWrap();
            case LPAREN:
                return parseParen();
            case LBRACKET:
                return parseList();
            case HASH_BRACE:
                return parseDict();
            case LBRACE:
                return stmts.parseBlock("");
            case PIPE:
            case PIPE_PIPE:
                return parseClosure();
            case FN:
                return parseFnLiteral();
            case EOF:
                throw c.error(t, t.lexeme().isEmpty() ? "unexpected end of input"
                        : "expected expression, found " + t.describe());
            default:
                Ast.Expr e = control.parse();
                if (e == null) {
                    throw c.error(t, "expected expression, found " + t.describe());
                }
                return e;
        }
    }

    private Ast.Expr parseName() {
        Token first = c.advance();
        if (!c.at(TokenType.COLON_COLON)) {
            if (startsStructLiteral(first)) {
                return parseStructLiteral(first);
            }
            return new Ast.Ident(first.lexeme(), Cursor.span(first));
        }
        List<String> segments = new ArrayList<>();
        segments.add(first.lexeme());
        while (c.match(TokenType.COLON_COLON)) {
            segments.add(nameAfter("'::'"));
        }
        return new Ast.Path(segments, c.spanFrom(first));
    }

    /**
     * Whether {@code name} (just consumed) starts a struct literal: an uppercase name followed by '{' and then
     * '}', {@code ident :}, {@code ident ,} or {@code ident }}, outside a condition position.
     */
    private boolean startsStructLiteral(Token name) {
        if (c.noStruct || !c.at(TokenType.LBRACE) || !Character.isUpperCase(name.lexeme().charAt(0))) {
            return false;
        }
        TokenType first = c.peek(1).type();
        if (first == TokenType.RBRACE) {
            return true;
        }
        TokenType second = c.peek(2).type();
        return first == TokenType.IDENT
                && (second == TokenType.COLON || second == TokenType.COMMA || second == TokenType.RBRACE);
    }

    /** {@code Name { field: value, short, … }} after the name. */
    private Ast.Expr parseStructLiteral(Token name) {
        c.advance(); // {
        boolean saved = c.noStruct;
        c.noStruct = false;
        List<Ast.FieldInit> fields = new ArrayList<>();
        while (!c.at(TokenType.RBRACE)) {
            Token field = c.expect(TokenType.IDENT, "(a field name) in the " + name.lexeme() + " literal");
            Ast.Expr value;
            if (c.match(TokenType.COLON)) {
                value = parseExpr(PIPE);
            } else {
                value = new Ast.Ident(field.lexeme(), Cursor.span(field));
            }
            fields.add(new Ast.FieldInit(field.lexeme(), value, c.spanFrom(field)));
            if (!c.match(TokenType.COMMA)) {
                break;
            }
        }
        c.expect(TokenType.RBRACE, "after the fields of the " + name.lexeme() + " literal");
        c.noStruct = saved;
        return new Ast.StructLit(name.lexeme(), fields, c.spanFrom(name));
    }

    /** An identifier or keyword used as a name (after '::'). */
    String nameAfter(String what) {
        Token t = c.peek();
        if (t.type() == TokenType.IDENT || t.type().isKeyword()) {
            c.advance();
            return t.lexeme();
        }
        throw c.error(t, "expected a name after " + what + ", found " + t.describe());
    }

    private Ast.Expr parseWrap() {
        Token ctor = c.advance();
        if (!c.at(TokenType.LPAREN)) {
            // the constructor used as a function value, e.g. xs.map(Some)
            return new Ast.Ident(ctor.lexeme(), Cursor.span(ctor));
        }
        c.advance();
        Ast.Expr value = parseExpr(PIPE);
        c.expect(TokenType.RPAREN, "after the value of '" + ctor.lexeme() + "('");
        return new Ast.Wrap(ctor.lexeme(), value, c.spanFrom(ctor));
    }

    private Ast.Expr parseSpread() {
        Token dots = c.advance();
        Ast.Expr value = parseExpr(PIPE);
        return new Ast.Spread(value, c.spanFrom(dots));
    }

    private Ast.Expr parseParen() {
        return c.withNoStruct(false, this::parseParenInner);
    }

    private Ast.Expr parseParenInner() {
        Token open = c.advance();
        if (c.match(TokenType.RPAREN)) {
            return new Ast.UnitLit(c.spanFrom(open));
        }
        List<Ast.Expr> items = new ArrayList<>();
        boolean comma = false;
        while (true) {
            items.add((c.at(TokenType.DOT_DOT_DOT) ? parseSpread() : parseExpr(PIPE)));
            if (!c.match(TokenType.COMMA)) {
                break;
            }
            comma = true;
            if (c.at(TokenType.RPAREN)) {
                break;
            }
        }
        c.expect(TokenType.RPAREN, comma ? "after tuple items" : "after parenthesized expression");
        if (items.size() == 1 && !comma && !(items.get(0) instanceof Ast.Spread)) {
            return items.get(0);
        }
        return new Ast.TupleLit(items, c.spanFrom(open));
    }

    private Ast.Expr parseList() {
        return c.withNoStruct(false, this::parseListInner);
    }

    private Ast.Expr parseListInner() {
        Token open = c.advance();
        List<Ast.Expr> items = new ArrayList<>();
        if (c.match(TokenType.RBRACKET)) {
            return new Ast.ListLit(items, c.spanFrom(open));
        }
        Ast.Expr first = (c.at(TokenType.DOT_DOT_DOT) ? parseSpread() : parseExpr(PIPE));
        if (c.at(TokenType.FOR) && !(first instanceof Ast.Spread)) {
            List<Ast.CompClause> clauses = parseClauses();
            c.expect(TokenType.RBRACKET, "after list comprehension");
            return new Ast.ListComp(first, clauses, c.spanFrom(open));
        }
        items.add(first);
        while (c.match(TokenType.COMMA) && !c.at(TokenType.RBRACKET)) {
            items.add((c.at(TokenType.DOT_DOT_DOT) ? parseSpread() : parseExpr(PIPE)));
        }
        c.expect(TokenType.RBRACKET, "after list items");
        return new Ast.ListLit(items, c.spanFrom(open));
    }

    private List<Ast.CompClause> parseClauses() {
        List<Ast.CompClause> clauses = new ArrayList<>();
        while (c.at(TokenType.FOR)) {
            Token start = c.advance();
            Ast.Pattern pattern = patterns.parse(true, false);
            c.expect(TokenType.IN, "after the pattern of a comprehension's 'for'");
            Ast.Expr iterable = parseExpr(PIPE);
            Ast.Expr condition = null;
            while (c.match(TokenType.IF)) {
                Ast.Expr cond = parseExpr(PIPE);
                condition = condition == null ? cond
                        : new Ast.Logical(true, condition, cond, condition.span().to(cond.span()));
            }
            clauses.add(new Ast.CompClause(pattern, iterable, condition, c.spanFrom(start)));
        }
        return clauses;
    }

    private Ast.Expr parseDict() {
        return c.withNoStruct(false, this::parseDictInner);
    }

    private Ast.Expr parseDictInner() {
        Token open = c.advance();
        List<Ast.DictEntry> entries = new ArrayList<>();
        boolean first = true;
        while (!c.at(TokenType.RBRACE)) {
            Token start = c.peek();
            if (c.at(TokenType.DOT_DOT_DOT)) {
                c.advance();
                Ast.Expr value = parseExpr(PIPE);
                entries.add(new Ast.DictEntry(null, value, c.spanFrom(start)));
            } else {
                boolean bare = c.at(TokenType.IDENT) && c.atNext(TokenType.COLON);
                Ast.Expr key;
                if (bare || (c.at(TokenType.STRING) && c.atNext(TokenType.COLON))) {
                    Token k = c.advance();
                    key = new Ast.StrLit(bare ? k.lexeme() : (String) k.value(), Cursor.span(k));
                } else {
                    key = parseExpr(PIPE);
                }
                c.expect(TokenType.COLON, "after dict key");
                Ast.Expr value = parseExpr(PIPE);
                if (first && c.at(TokenType.FOR)) {
                    if (bare) {
                        key = new Ast.Ident(((Ast.StrLit) key).value(), key.span());
                    }
                    List<Ast.CompClause> clauses = parseClauses();
                    c.expect(TokenType.RBRACE, "after dict comprehension");
                    return new Ast.DictComp(key, value, clauses, c.spanFrom(open));
                }
                entries.add(new Ast.DictEntry(key, value, c.spanFrom(start)));
            }
            first = false;
            if (!c.match(TokenType.COMMA)) {
                break;
            }
        }
        c.expect(TokenType.RBRACE, "after dict entries");
        return new Ast.DictLit(entries, c.spanFrom(open));
    }

    private Ast.Expr parseClosure() {
        Token start = c.advance();
        List<Ast.Param> params = start.type() == TokenType.PIPE_PIPE ? List.of() : parseParams(TokenType.PIPE);
        Ast.Expr body = parseExpr(PIPE);
        return new Ast.Lambda(params, body, c.spanFrom(start));
    }

    private Ast.Expr parseFnLiteral() {
        Token start = c.advance();
        if (c.at(TokenType.IDENT)) {
            throw c.error(c.peek(), "a named function is a statement, not an expression (drop the name '"
                    + c.peek().lexeme() + "' for an anonymous fn)");
        }
        c.expect(TokenType.LPAREN, "after 'fn'");
        List<Ast.Param> params = parseParams(TokenType.RPAREN);
        Ast.Block body = stmts.parseBlock("before the function body");
        return new Ast.Lambda(params, body, c.spanFrom(start));
    }

    /**
     * Parameters after the opening '(' or '|', through the closing {@code close} token:
     * {@code a}, {@code a = default}, {@code *rest}, {@code **opts}, {@code /}, bare {@code *}.
     */
    List<Ast.Param> parseParams(TokenType close) {
        List<Ast.Param> params = new ArrayList<>();
        boolean keywordOnly = false;
        boolean sawSlash = false;
        boolean sawStar = false;
        boolean sawKwargs = false;
        while (!c.at(close)) {
            Token start = c.peek();
            if (sawKwargs) {
                c.report(start, "'**" + params.get(params.size() - 1).name() + "' must be the last parameter");
            }
            if (c.match(TokenType.SLASH)) {
                if (sawSlash || sawStar || params.isEmpty()) {
                    c.report(start, sawSlash ? "'/' may appear only once in parameters"
                            : "'/' must follow at least one parameter and come before '*'");
                }
                sawSlash = true;
                for (int i = 0; i < params.size(); i++) {
                    Ast.Param p = params.get(i);
                    params.set(i, new Ast.Param(p.name(), p.kind(), p.defaultValue(), true, p.keywordOnly(), p.span()));
                }
            } else if (c.at(TokenType.STAR) && c.atNext(TokenType.STAR)) {
                c.advance();
                c.advance();
                Token name = c.expect(TokenType.IDENT, "after '**' in parameters");
                params.add(new Ast.Param(name.lexeme(), Ast.ParamKind.KWARGS, null, false, false, c.spanFrom(start)));
                sawKwargs = true;
            } else if (c.match(TokenType.STAR)) {
                if (sawStar) {
                    c.report(start, "'*' may appear only once in parameters");
                }
                sawStar = true;
                keywordOnly = true;
                if (c.at(TokenType.IDENT)) {
                    Token name = c.advance();
                    params.add(new Ast.Param(name.lexeme(), Ast.ParamKind.REST, null, false, false, c.spanFrom(start)));
                }
            } else {
                Token name = c.peek();
                if (name.type() != TokenType.IDENT) {
                    throw c.error(name, "expected a parameter name, found " + name.describe());
                }
                c.advance();
                Ast.Expr def = null;
                if (c.match(TokenType.EQ)) {
                    // inside |...| a default stops before '|' (bitwise or would swallow the closing bar)
                    def = close == TokenType.PIPE ? parseExpr(XOR) : parseExpr(PIPE);
                }
                params.add(new Ast.Param(name.lexeme(), Ast.ParamKind.NORMAL, def, false, keywordOnly,
                        c.spanFrom(start)));
            }
            if (!c.match(TokenType.COMMA)) {
                break;
            }
        }
        c.expect(close, "after parameters");
        return params;
    }

    // ------------------------------------------------------------------ f-strings

    @SuppressWarnings("unchecked")
    private Ast.Expr parseFString() {
        Token t = c.advance();
        List<Ast.Expr> parts = new ArrayList<>();
        for (FStringPart part : (List<FStringPart>) t.value()) {
            if (!part.isExpression()) {
                parts.add(new Ast.StrLit(part.text(), new Span(part.line(), part.column(), part.offset(),
                        Math.max(1, part.length()))));
                continue;
            }
            c.enter();
            Object[] saved = c.swap(part.tokens());
            boolean savedNoStruct = c.noStruct;
            c.noStruct = false;
            try {
                Ast.Expr e = parseExpr(PIPE);
                if (!c.at(TokenType.EOF)) {
                    throw c.error(c.peek(), "expected '}' after the f-string expression, found "
                            + c.peek().describe());
                }
                parts.add(e);
            } finally {
                c.restore(saved);
                c.noStruct = savedNoStruct;
            }
            c.leave();
        }
        return new Ast.FString(parts, Cursor.span(t));
    }
}
