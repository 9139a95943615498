package dev.ion.engine.parse;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.engine.lex.Scanner;
import dev.ion.engine.lex.Token;
import dev.ion.engine.lex.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The entry point of the front end: turns Ion source into an {@link Ast.Block}. This class
 * parses statements and blocks (LANGUAGE.md §2) and owns error recovery: a problem unwinds
 * to the nearest statement loop, which resynchronizes at the next statement boundary (clox's
 * {@code synchronize()}), so one run reports every problem. Expressions live in
 * {@link ExprParser} and {@link ControlParser}, patterns and types in {@link PatternParser}.
 *
 * <p>Nesting is bounded by {@link #MAX_NESTING}: each nested expression, block, pattern,
 * type, f-string part and each link of an operator or postfix chain counts one level; past
 * the bound the parse fails with "nesting too deep (limit 1000)" instead of overflowing the
 * Java stack.
 */
public final class Parser {
    /** The documented nesting bound. */
    public static final int MAX_NESTING = Cursor.MAX_DEPTH;

    private final Cursor c;
    private final ExprParser exprs;
    private final PatternParser patterns;

    private Parser(List<Token> tokens, int nestingLimit) {
        this.c = new Cursor(tokens, nestingLimit);
        this.patterns = new PatternParser(c);
        this.exprs = new ExprParser(c, patterns);
        exprs.stmts = this;
        exprs.control = new ControlParser(c, exprs, patterns, this);
    }

    /**
     * Parses a whole script: its statements, with the final expression (when it has no
     * trailing {@code ;}) as the block's tail.
     *
     * <p>The parse runs on the caller's thread up to {@link #CALLER_THREAD_NESTING} levels,
     * which any thread stack affords (at most ~1 KiB of stack per level, even in the worst
     * JIT tier). Rare inputs nested deeper are parsed again on a helper thread with a
     * {@link #HELPER_STACK_BYTES} stack, where the full {@link #MAX_NESTING} bound applies.
     *
     * @throws IonException of kind LEX or PARSE listing every problem found
     */
    public static Ast.Block parse(String source) {
        try {
            return parse(source, CALLER_THREAD_NESTING);
        } catch (Cursor.NeedsBigStack deep) {
            return parseOnHelperThread(source);
        }
    }

    /** How often the stack-overflow safety net fired (tests check it never does). */
    static final AtomicInteger OVERFLOWS_CAUGHT = new AtomicInteger();

    /** Nesting parsed on the caller's thread before moving to a helper thread. */
    static final int CALLER_THREAD_NESTING = 128;
    /** Stack of the helper thread: far more than {@link #MAX_NESTING} levels ever need. */
    static final long HELPER_STACK_BYTES = 16L << 20;

    private static Ast.Block parseOnHelperThread(String source) {
        Object[] outcome = new Object[1];
        Thread helper;
        try {
            helper = new Thread(null, () -> {
                try {
                    outcome[0] = parse(source, MAX_NESTING);
                } catch (Throwable t) {
                    outcome[0] = t;
                }
            }, "ion-parser", HELPER_STACK_BYTES);
            helper.setDaemon(true);
            helper.start();
        } catch (SecurityException | OutOfMemoryError cannotStart) {
            return parse(source, MAX_NESTING); // the stack-overflow safety net still applies
        }
        boolean interrupted = false;
        while (true) {
            try {
                helper.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the parse is short: finish it, then restore the flag
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (outcome[0] instanceof RuntimeException e) {
            throw e;
        }
        if (outcome[0] instanceof Error e) {
            throw e;
        }
        return (Ast.Block) outcome[0];
    }

    private static Ast.Block parse(String source, int nestingLimit) {
        Scanner scanner = new Scanner(source);
        List<Token> tokens = scanner.scanAll();
        if (!scanner.problems().isEmpty()) {
            throw scanner.toException();
        }
        Parser p = new Parser(tokens, nestingLimit);
        Ast.Block program = null;
        try {
            program = p.parseProgram(source);
        } catch (Cursor.Fatal stop) {
            // the problem is recorded
        } catch (StackOverflowError overflow) {
            // a safety net only: the nesting bound keeps the stack far from overflowing
            OVERFLOWS_CAUGHT.incrementAndGet();
            Token at = p.c.peek();
            p.c.problems.add(new IonException.Problem(ErrorKind.PARSE,
                    "nesting too deep (limit " + MAX_NESTING + ")", at.line(), at.column(), Math.max(1, at.length())));
        }
        List<IonException.Problem> problems = p.c.problems;
        if (!problems.isEmpty()) {
            IonException.Problem first = problems.get(0);
            throw new IonException(first.kind(), first.message(), first.line(), first.column(), List.of(), problems);
        }
        return program;
    }

    private Ast.Block parseProgram(String source) {
        List<Ast.Stmt> stmts = new ArrayList<>();
        Ast.Expr tail = parseStatements(stmts, TokenType.EOF);
        return new Ast.Block(stmts, tail, new Span(1, 1, 0, Math.max(1, source.length())));
    }

    // ------------------------------------------------------------------ blocks

    /** {@code { statements }}; {@code context} completes "expected '{' …" when the brace is missing. */
    Ast.Block parseBlock(String context) {
        Token open = c.expect(TokenType.LBRACE, context);
        c.enter();
        boolean savedNoStruct = c.noStruct;
        c.noStruct = false;
        List<Ast.Stmt> stmts = new ArrayList<>();
        Ast.Expr tail = parseStatements(stmts, TokenType.RBRACE);
        if (!c.at(TokenType.RBRACE)) {
            throw c.error(c.peek(), "expected '}' to close the block opened at " + open.line() + ":"
                    + open.column() + ", found " + c.peek().describe());
        }
        c.advance();
        c.leave();
        c.noStruct = savedNoStruct;
        return new Ast.Block(stmts, tail, c.spanFrom(open));
    }

    /** Statements up to {@code end} (not consumed); returns the tail expression, if any. */
    private Ast.Expr parseStatements(List<Ast.Stmt> out, TokenType end) {
        while (!c.at(end) && !c.at(TokenType.EOF)) {
            if (c.match(TokenType.SEMI)) {
                continue;
            }
            int start = c.position();
            int depth = c.depth;
            boolean noStruct = c.noStruct;
            try {
                out.add(parseStatement());
            } catch (Cursor.ParseError e) {
                c.depth = depth;
                c.noStruct = noStruct;
                synchronize(c.openBracesSince(start));
                if (c.position() == start) {
                    c.advance();
                }
            }
        }
        if (!out.isEmpty() && out.get(out.size() - 1) instanceof Ast.ExprStmt last && !last.semicolon()) {
            out.remove(out.size() - 1);
            return last.expr();
        }
        return null;
    }

    /**
     * Skips to a likely statement boundary: after ';', before '}' or a statement keyword, once
     * the {@code braces} that the failed statement had opened are closed.
     */
    private void synchronize(int braces) {
        while (!c.at(TokenType.EOF)) {
            TokenType t = c.type();
            if (braces == 0) {
                if (t == TokenType.SEMI) {
                    c.advance();
                    return;
                }
                if (t == TokenType.RBRACE || startsStatement(t)) {
                    return;
                }
            }
            if (t == TokenType.LBRACE || t == TokenType.HASH_BRACE) {
                braces++;
            } else if (t == TokenType.RBRACE) {
                braces--;
            }
            c.advance();
        }
    }

    private static boolean startsStatement(TokenType t) {
        return switch (t) {
            case LET, USE, FN, FOR, WHILE, LOOP, IF, MATCH, RETURN, TRY, ASYNC, SELECT, LABEL -> true;
            default -> false;
        };
    }

    // ------------------------------------------------------------------ statements

    private Ast.Stmt parseStatement() {
        Token t = c.peek();
        switch (t.type()) {
            case LET:
                return parseLet();
            case USE:
                return parseUse();
            case FN:
                if (c.atNext(TokenType.IDENT)) {
                    return parseFnDecl();
                }
                break;
            default:
                break;
        }
        if (isBlockLike(t.type())) {
            // a statement-level block-like expression ends at its '}': what follows starts a new statement
            c.enter();
            Ast.Expr e = t.type() == TokenType.LBRACE ? parseBlock("")
                    : t.type() == TokenType.FN ? exprs.parsePrimary() : exprs.control.parse();
            c.leave();
            boolean semi = c.match(TokenType.SEMI);
            return new Ast.ExprStmt(e, semi, e.span());
        }
        Ast.Expr e = exprs.parseExpr(ExprParser.PIPE);
        switch (c.type()) {
            case EQ: return parseAssign(e, null);
            case PLUS_EQ: return parseAssign(e, BinaryOp.ADD);
            case MINUS_EQ: return parseAssign(e, BinaryOp.SUB);
            case STAR_EQ: return parseAssign(e, BinaryOp.MUL);
            case SLASH_EQ: return parseAssign(e, BinaryOp.DIV);
            default: break;
        }
        boolean semi = c.match(TokenType.SEMI);
        return new Ast.ExprStmt(e, semi, e.span());
    }

    private static boolean isBlockLike(TokenType t) {
        return switch (t) {
            case IF, MATCH, WHILE, FOR, LOOP, LBRACE, LABEL, ASYNC, TRY, SELECT, FN -> true;
            default -> false;
        };
    }

    private Ast.Stmt parseAssign(Ast.Expr target, BinaryOp op) {
        c.advance();
        if (!isAssignable(target)) {
            c.report(target.span(), "invalid assignment target");
        }
        Ast.Expr value = exprs.parseExpr(ExprParser.PIPE);
        c.match(TokenType.SEMI);
        return new Ast.Assign(target, op, value, target.span().to(value.span()));
    }

    /** An identifier, or an index/field chain rooted at one. */
    private static boolean isAssignable(Ast.Expr e) {
        while (true) {
            if (e instanceof Ast.Ident) {
                return true;
            } else if (e instanceof Ast.Index i) {
                e = i.receiver();
            } else if (e instanceof Ast.Field f) {
                e = f.receiver();
            } else {
                return false;
            }
        }
    }

    private Ast.Stmt parseLet() {
        Token start = c.advance();
        boolean mutable = c.match(TokenType.MUT);
        Ast.Pattern pattern = patterns.parse(true, mutable);
        Ast.TypeAnn type = null;
        if (c.match(TokenType.COLON)) {
            type = patterns.parseType();
        }
        c.expect(TokenType.EQ, type == null ? "after the pattern of 'let'" : "after the type annotation");
        Ast.Expr value = exprs.parseExpr(ExprParser.PIPE);
        Span span = c.spanFrom(start);
        c.match(TokenType.SEMI);
        return new Ast.Let(pattern, type, value, span);
    }

    private Ast.Stmt parseFnDecl() {
        Token start = c.advance();
        Token name = c.advance();
        c.expect(TokenType.LPAREN, "after the function name");
        List<Ast.Param> params = exprs.parseParams(TokenType.RPAREN);
        Ast.Block body = parseBlock("before the function body");
        return new Ast.FnDecl(name.lexeme(), params, body, c.spanFrom(start));
    }

    private Ast.Stmt parseUse() {
        Token start = c.advance();
        List<String> path = new ArrayList<>();
        List<Ast.UseItem> items = new ArrayList<>();
        boolean glob = false;
        Token last = c.expect(TokenType.IDENT, "(a module name) after 'use'");
        path.add(last.lexeme());
        boolean list = false;
        while (c.match(TokenType.COLON_COLON)) {
            if (c.match(TokenType.STAR)) {
                glob = true;
                break;
            }
            if (c.at(TokenType.LBRACE)) {
                parseUseList(items);
                list = true;
                break;
            }
            last = c.peek();
            path.add(exprs.nameAfter("'::' in 'use'"));
        }
        if (!glob && !list) {
            if (path.size() < 2) {
                throw c.error(c.peek(), "expected '::' after the module name in 'use', found " + c.peek().describe());
            }
            String name = path.remove(path.size() - 1);
            String alias = null;
            if (c.match(TokenType.AS)) {
                alias = c.expect(TokenType.IDENT, "(an alias) after 'as'").lexeme();
            }
            items.add(new Ast.UseItem(name, alias, c.spanFrom(last)));
        } else if (glob && c.at(TokenType.AS)) {
            throw c.error(c.peek(), "a glob import cannot be aliased");
        }
        Span span = c.spanFrom(start);
        c.match(TokenType.SEMI);
        return new Ast.Use(path, items, glob, span);
    }

    private void parseUseList(List<Ast.UseItem> items) {
        Token open = c.advance();
        while (!c.at(TokenType.RBRACE)) {
            Token name = c.peek();
            String n = exprs.nameAfter("'{' or ',' in a use list");
            String alias = null;
            if (c.match(TokenType.AS)) {
                alias = c.expect(TokenType.IDENT, "(an alias) after 'as'").lexeme();
            }
            items.add(new Ast.UseItem(n, alias, c.spanFrom(name)));
            if (!c.match(TokenType.COMMA)) {
                break;
            }
        }
        c.expect(TokenType.RBRACE, "after the use list");
        if (items.isEmpty()) {
            c.report(open, "empty use list");
        }
    }
}
