package dev.ion.engine.parse;

import dev.ion.engine.lex.Token;
import dev.ion.engine.lex.TokenType;

import java.util.ArrayList;
import java.util.List;

/**
 * The keyword-led expressions: {@code if}, {@code match}, loops and labels, {@code break},
 * {@code continue}, {@code return}, {@code try … catch}, {@code async}, {@code spawn} and
 * {@code select} (LANGUAGE.md §2, §4, §10). Split from {@link ExprParser} to keep each small.
 */
final class ControlParser {
    private final Cursor c;
    private final ExprParser exprs;
    private final PatternParser patterns;
    private final Parser stmts;

    ControlParser(Cursor c, ExprParser exprs, PatternParser patterns, Parser stmts) {
        this.c = c;
        this.exprs = exprs;
        this.patterns = patterns;
        this.stmts = stmts;
    }

    /** The keyword-led expression at the cursor, or null when the current token starts none. */
    Ast.Expr parse() {
        Token t = c.peek();
        return switch (t.type()) {
            case IF -> parseIf();
            case MATCH -> parseMatch();
            case LOOP, WHILE, FOR -> parseLoop(null, t);
            case LABEL -> parseLabelled();
            case BREAK -> parseBreak();
            case CONTINUE -> parseContinue();
            case RETURN -> parseReturn();
            case TRY -> parseTry();
            case ASYNC -> parseAsync();
            case SPAWN -> parseSpawn();
            case SELECT -> parseSelect();
            default -> null;
        };
    }

    /** An expression followed by a block: <code>Name {</code> there opens the block, not a struct literal. */
    private Ast.Expr condition() {
        return c.withNoStruct(true, () -> exprs.parseExpr(ExprParser.PIPE));
    }

    private Ast.Expr parseIf() {
        Token start = c.advance();
        if (c.match(TokenType.LET)) {
            Ast.Pattern pattern = patterns.parse(true, false);
            c.expect(TokenType.EQ, "after the pattern of 'if let'");
            Ast.Expr value = condition();
            Ast.Block then = stmts.parseBlock("after the 'if let' value");
            Ast.Expr otherwise = parseElse();
            return new Ast.IfLet(pattern, value, then, otherwise, c.spanFrom(start));
        }
        Ast.Expr condition = condition();
        Ast.Block then = stmts.parseBlock("after the if condition");
        Ast.Expr otherwise = parseElse();
        return new Ast.If(condition, then, otherwise, c.spanFrom(start));
    }

    private Ast.Expr parseElse() {
        if (!c.match(TokenType.ELSE)) {
            return null;
        }
        if (c.at(TokenType.IF)) {
            c.enter();
            Ast.Expr e = parseIf();
            c.leave();
            return e;
        }
        return stmts.parseBlock("or 'if' after 'else'");
    }

    private Ast.Expr parseMatch() {
        Token start = c.advance();
        Ast.Expr subject = condition();
        c.expect(TokenType.LBRACE, "after the match subject");
        boolean saved = c.noStruct;
        c.noStruct = false;
        List<Ast.MatchArm> arms = new ArrayList<>();
        while (!c.at(TokenType.RBRACE) && !c.at(TokenType.EOF)) {
            Token armStart = c.peek();
            Ast.Pattern pattern = patterns.parse(true, false);
            Ast.Expr guard = c.match(TokenType.IF) ? exprs.parseExpr(ExprParser.PIPE) : null;
            c.expect(TokenType.FAT_ARROW, "after the match pattern");
            Ast.Expr body = armBody();
            arms.add(new Ast.MatchArm(pattern, guard, body, c.spanFrom(armStart)));
            if (!armSeparator("match arm")) {
                break;
            }
        }
        c.expect(TokenType.RBRACE, "to close the match");
        c.noStruct = saved;
        return new Ast.Match(subject, arms, c.spanFrom(start));
    }

    /** An arm body: a block (taken alone) or any expression. */
    private Ast.Expr armBody() {
        return c.at(TokenType.LBRACE) ? stmts.parseBlock("") : exprs.parseExpr(ExprParser.PIPE);
    }

    /**
     * After an arm: a comma, or nothing before '}', or nothing after a body that ended with '}'.
     * Returns false when the arm list is over.
     */
    private boolean armSeparator(String what) {
        if (c.match(TokenType.COMMA)) {
            return true;
        }
        if (c.at(TokenType.RBRACE)) {
            return false;
        }
        if (c.prev().type() == TokenType.RBRACE) {
            return true;
        }
        throw c.error(c.peek(), "expected ',' or '}' after " + what + ", found " + c.peek().describe());
    }

    private Ast.Expr parseLabelled() {
        Token label = c.advance();
        c.expect(TokenType.COLON, "after the loop label");
        Token loop = c.peek();
        if (!c.at(TokenType.LOOP) && !c.at(TokenType.WHILE) && !c.at(TokenType.FOR)) {
            throw c.error(loop, "expected 'loop', 'while' or 'for' after a label, found " + loop.describe());
        }
        return parseLoop((String) label.value(), label);
    }

    private Ast.Expr parseLoop(String label, Token start) {
        Token kw = c.advance();
        switch (kw.type()) {
            case LOOP: {
                Ast.Block body = stmts.parseBlock("after 'loop'");
                return new Ast.Loop(label, body, c.spanFrom(start));
            }
            case WHILE: {
                if (c.match(TokenType.LET)) {
                    Ast.Pattern pattern = patterns.parse(true, false);
                    c.expect(TokenType.EQ, "after the pattern of 'while let'");
                    Ast.Expr value = condition();
                    Ast.Block body = stmts.parseBlock("after the 'while let' value");
                    return new Ast.WhileLet(label, pattern, value, body, c.spanFrom(start));
                }
                Ast.Expr condition = condition();
                Ast.Block body = stmts.parseBlock("after the while condition");
                return new Ast.While(label, condition, body, c.spanFrom(start));
            }
            default: {
                Ast.Pattern pattern = patterns.parse(true, false);
                c.expect(TokenType.IN, "after the pattern of 'for'");
                Ast.Expr iterable = condition();
                Ast.Block body = stmts.parseBlock("after the 'for' iterable");
                return new Ast.For(label, pattern, iterable, body, c.spanFrom(start));
            }
        }
    }

    /** Whether a value follows {@code break}/{@code return}: an expression start other than a closer. */
    private boolean valueFollows() {
        return ExprParser.canStartExpression(c.type());
    }

    private Ast.Expr parseBreak() {
        Token start = c.advance();
        String label = c.at(TokenType.LABEL) ? (String) c.advance().value() : null;
        Ast.Expr value = valueFollows() ? exprs.parseExpr(ExprParser.PIPE) : null;
        return new Ast.Break(label, value, c.spanFrom(start));
    }

    private Ast.Expr parseContinue() {
        Token start = c.advance();
        String label = c.at(TokenType.LABEL) ? (String) c.advance().value() : null;
        return new Ast.Continue(label, c.spanFrom(start));
    }

    private Ast.Expr parseReturn() {
        Token start = c.advance();
        Ast.Expr value = valueFollows() ? exprs.parseExpr(ExprParser.PIPE) : null;
        return new Ast.Return(value, c.spanFrom(start));
    }

    private Ast.Expr parseTry() {
        Token start = c.advance();
        Ast.Block body = stmts.parseBlock("after 'try'");
        c.expect(TokenType.CATCH, "after the try block");
        Ast.Pattern binding = c.at(TokenType.LBRACE) ? null : patterns.parse(false, false);
        Ast.Block handler = stmts.parseBlock("after the catch binding");
        return new Ast.TryCatch(body, binding, handler, c.spanFrom(start));
    }

    private Ast.Expr parseAsync() {
        Token start = c.advance();
        Ast.Block body = stmts.parseBlock("after 'async'");
        return new Ast.Async(body, c.spanFrom(start));
    }

    private Ast.Expr parseSpawn() {
        Token start = c.advance();
        // "spawn EXPR": any expression, so `spawn a + b` spawns the sum
        Ast.Expr value = exprs.parseExpr(ExprParser.PIPE);
        return new Ast.Spawn(value, c.spanFrom(start));
    }

    private Ast.Expr parseSelect() {
        Token start = c.advance();
        c.expect(TokenType.LBRACE, "after 'select'");
        List<Ast.SelectArm> arms = new ArrayList<>();
        while (!c.at(TokenType.RBRACE) && !c.at(TokenType.EOF)) {
            Token armStart = c.peek();
            Ast.Pattern pattern = patterns.parse(true, false);
            c.expect(TokenType.EQ, "after the select arm's pattern");
            Ast.Expr source = exprs.parseExpr(ExprParser.PIPE);
            c.expect(TokenType.FAT_ARROW, "after the select arm's expression");
            Ast.Expr body = armBody();
            arms.add(new Ast.SelectArm(pattern, source, body, c.spanFrom(armStart)));
            if (!armSeparator("select arm")) {
                break;
            }
        }
        c.expect(TokenType.RBRACE, "to close the select");
        return new Ast.Select(arms, c.spanFrom(start));
    }
}
