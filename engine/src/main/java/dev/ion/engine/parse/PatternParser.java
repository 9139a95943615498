package dev.ion.engine.parse;

import dev.ion.engine.lex.Token;
import dev.ion.engine.lex.TokenType;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses patterns (LANGUAGE.md §6) and type annotations (§2). Kept apart from expressions
 * because patterns have their own small grammar: literals only, or-patterns with {@code |},
 * rest elements, host enums and structs.
 */
final class PatternParser {
    private final Cursor c;

    PatternParser(Cursor c) {
        this.c = c;
    }

    /**
     * A pattern, with or-alternatives. {@code allowStruct} is false where a following '{'
     * opens a block ({@code catch E { }}), so {@code Name {} } is not read as a struct pattern.
     * {@code mutable} marks every name binding as {@code mut} ({@code let mut PATTERN}).
     */
    Ast.Pattern parse(boolean allowStruct, boolean mutable) {
        c.enter();
        Token start = c.peek();
        Ast.Pattern first = parseAtom(allowStruct, mutable);
        if (!c.at(TokenType.PIPE)) {
            c.leave();
            return first;
        }
        List<Ast.Pattern> alts = new ArrayList<>();
        alts.add(first);
        while (c.match(TokenType.PIPE)) {
            alts.add(parseAtom(allowStruct, mutable));
        }
        c.leave();
        return new Ast.OrPat(alts, c.spanFrom(start));
    }

    private Ast.Pattern parseAtom(boolean allowStruct, boolean mutable) {
        Token t = c.peek();
        switch (t.type()) {
            case IDENT:
                return parseName(allowStruct, mutable);
            case MUT: {
                c.advance();
                Token name = c.expect(TokenType.IDENT, "after 'mut' in pattern");
                return new Ast.BindPat(name.lexeme(), true, c.spanFrom(t));
            }
            case INT:
            case MINUS:
            case DOT_DOT:
            case DOT_DOT_EQ:
                return parseNumber();
            case FLOAT:
                return parseNumber();
            case STRING:
                c.advance();
                return literal(new Ast.StrLit((String) t.value(), Cursor.span(t)));
            case BYTES:
                c.advance();
                return literal(new Ast.BytesLit((byte[]) t.value(), Cursor.span(t)));
            case TRUE:
            case FALSE:
                c.advance();
                return literal(new Ast.BoolLit(t.type() == TokenType.TRUE, Cursor.span(t)));
            case NONE:
                c.advance();
                return new Ast.NonePat(Cursor.span(t));
            case SOME:
            case OK:
            case ERR: {
                c.advance();
                c.expect(TokenType.LPAREN, "after '" + t.lexeme() + "' in pattern");
                Ast.Pattern inner = parse(true, mutable);
                c.expect(TokenType.RPAREN, "after the pattern inside '" + t.lexeme() + "('");
                return new Ast.WrapPat(t.lexeme(), inner, c.spanFrom(t));
            }
            case LPAREN:
                return parseTuple(mutable);
            case LBRACKET:
                return parseList(mutable);
            case EOF:
                throw c.error(t, "expected pattern, found " + t.describe());
            default:
                throw c.error(t, "expected pattern, found " + t.describe());
        }
    }

    private Ast.Pattern literal(Ast.Expr lit) {
        return new Ast.LitPat(lit, lit.span());
    }

    private Ast.Pattern parseName(boolean allowStruct, boolean mutable) {
        Token name = c.advance();
        if (c.at(TokenType.COLON_COLON)) {
            List<String> segments = new ArrayList<>();
            segments.add(name.lexeme());
            while (c.match(TokenType.COLON_COLON)) {
                Token seg = c.peek();
                if (seg.type() != TokenType.IDENT && !seg.type().isKeyword()) {
                    throw c.error(seg, "expected a name after '::' in pattern, found " + seg.describe());
                }
                segments.add(c.advance().lexeme());
            }
            String variant = segments.remove(segments.size() - 1);
            String enumName = String.join("::", segments);
            List<Ast.Pattern> args = null;
            if (c.match(TokenType.LPAREN)) {
                args = new ArrayList<>();
                while (!c.at(TokenType.RPAREN)) {
                    args.add(parse(true, mutable));
                    if (!c.match(TokenType.COMMA)) {
                        break;
                    }
                }
                c.expect(TokenType.RPAREN, "after enum variant patterns");
            }
            return new Ast.EnumPat(enumName, variant, args, c.spanFrom(name));
        }
        if (name.lexeme().equals("_")) {
            return new Ast.WildcardPat(Cursor.span(name));
        }
        if (allowStruct && c.at(TokenType.LBRACE) && Character.isUpperCase(name.lexeme().charAt(0))) {
            return parseStruct(name, mutable);
        }
        return new Ast.BindPat(name.lexeme(), mutable, Cursor.span(name));
    }

    private Ast.Pattern parseStruct(Token name, boolean mutable) {
        c.advance(); // {
        List<Ast.FieldPat> fields = new ArrayList<>();
        while (!c.at(TokenType.RBRACE)) {
            Token field = c.peek();
            boolean mutField = c.match(TokenType.MUT);
            Token f = c.expect(TokenType.IDENT, "(a field name) in struct pattern");
            Ast.Pattern p = null;
            if (!mutField && c.match(TokenType.COLON)) {
                p = parse(true, mutable);
            }
            if (p == null) {
                p = new Ast.BindPat(f.lexeme(), mutable || mutField, Cursor.span(f));
            }
            fields.add(new Ast.FieldPat(f.lexeme(), p, c.spanFrom(field)));
            if (!c.match(TokenType.COMMA)) {
                break;
            }
        }
        c.expect(TokenType.RBRACE, "after struct pattern fields");
        return new Ast.StructPat(name.lexeme(), fields, c.spanFrom(name));
    }

    /** Int, float, negative literals and integer ranges {@code lo..=hi}, {@code lo..hi}, {@code ..=hi}. */
    private Ast.Pattern parseNumber() {
        Token start = c.peek();
        Ast.Expr low = null;
        if (!c.at(TokenType.DOT_DOT) && !c.at(TokenType.DOT_DOT_EQ)) {
            low = number();
        }
        if (!c.at(TokenType.DOT_DOT) && !c.at(TokenType.DOT_DOT_EQ)) {
            return literal(low);
        }
        Token op = c.advance();
        boolean inclusive = op.type() == TokenType.DOT_DOT_EQ;
        Ast.Expr high = null;
        if (c.at(TokenType.INT) || c.at(TokenType.MINUS) || c.at(TokenType.FLOAT)) {
            high = number();
        } else if (inclusive || low == null) {
            throw c.error(c.peek(), "expected the end of the range pattern, found " + c.peek().describe());
        }
        if (low instanceof Ast.FloatLit || high instanceof Ast.FloatLit) {
            c.report(start, "range patterns need integer bounds");
        }
        return new Ast.RangePat(low, high, inclusive, c.spanFrom(start));
    }

    private Ast.Expr number() {
        Token start = c.peek();
        boolean negative = c.match(TokenType.MINUS);
        Token n = c.peek();
        if (n.type() == TokenType.INT) {
            c.advance();
            long v = (Long) n.value();
            return new Ast.IntLit(negative ? -v : v, c.spanFrom(start));
        }
        if (n.type() == TokenType.FLOAT) {
            c.advance();
            double v = (Double) n.value();
            return new Ast.FloatLit(negative ? -v : v, c.spanFrom(start));
        }
        throw c.error(n, "expected a number in pattern, found " + n.describe());
    }

    private Ast.Pattern parseTuple(boolean mutable) {
        Token open = c.advance();
        if (c.match(TokenType.RPAREN)) {
            return literal(new Ast.UnitLit(c.spanFrom(open)));
        }
        List<Ast.Pattern> items = new ArrayList<>();
        boolean comma = false;
        while (!c.at(TokenType.RPAREN)) {
            items.add(parse(true, mutable));
            if (!c.match(TokenType.COMMA)) {
                break;
            }
            comma = true;
        }
        c.expect(TokenType.RPAREN, "after tuple pattern");
        if (items.size() == 1 && !comma) {
            return items.get(0);
        }
        return new Ast.TuplePat(items, c.spanFrom(open));
    }

    private Ast.Pattern parseList(boolean mutable) {
        Token open = c.advance();
        List<Ast.Pattern> items = new ArrayList<>();
        Ast.Pattern rest = null;
        boolean hasRest = false;
        while (!c.at(TokenType.RBRACKET)) {
            if (c.at(TokenType.DOT_DOT_DOT)) {
                Token dots = c.advance();
                if (hasRest) {
                    c.report(dots, "a list pattern can have only one rest element");
                }
                hasRest = true;
                if (c.at(TokenType.IDENT)) {
                    Token name = c.advance();
                    rest = name.lexeme().equals("_") ? new Ast.WildcardPat(Cursor.span(name))
                            : new Ast.BindPat(name.lexeme(), mutable, Cursor.span(name));
                } else if (c.at(TokenType.MUT)) {
                    c.advance();
                    Token name = c.expect(TokenType.IDENT, "after 'mut' in rest pattern");
                    rest = new Ast.BindPat(name.lexeme(), true, Cursor.span(name));
                }
                c.match(TokenType.COMMA);
                if (!c.at(TokenType.RBRACKET)) {
                    throw c.error(c.peek(), "the rest element must be last in a list pattern, found "
                            + c.peek().describe() + " after it");
                }
                break;
            }
            items.add(parse(true, mutable));
            if (!c.match(TokenType.COMMA)) {
                break;
            }
        }
        c.expect(TokenType.RBRACKET, "after list pattern");
        return new Ast.ListPat(items, rest, hasRest, c.spanFrom(open));
    }

    // ---------------------------------------------------------------- types

    /** A type annotation: a name ({@code fn} included) with optional {@code <args>}. */
    Ast.TypeAnn parseType() {
        c.enter();
        Token name = c.peek();
        if (!c.at(TokenType.IDENT) && !c.at(TokenType.FN)) {
            throw c.error(name, "expected a type, found " + name.describe());
        }
        c.advance();
        List<Ast.TypeAnn> args = new ArrayList<>();
        if (c.match(TokenType.LT)) {
            do {
                args.add(parseType());
            } while (c.match(TokenType.COMMA));
            closeAngle();
        }
        c.leave();
        return new Ast.TypeAnn(name.lexeme(), args, new Span(name.line(), name.column(), name.offset(),
                Math.max(1, c.prev().end() - name.offset())));
    }

    /** Consumes one '>', splitting '>>' or '>=' so nested type arguments can close. */
    private void closeAngle() {
        Token t = c.peek();
        TokenType rest = switch (t.type()) {
            case GT_GT -> TokenType.GT;
            case GT_EQ -> TokenType.EQ;
            default -> null;
        };
        if (rest == null) {
            c.expect(TokenType.GT, "to close type arguments");
            return;
        }
        c.splitCurrent(new Token(TokenType.GT, ">", null, t.line(), t.column(), t.offset(), 1),
                new Token(rest, rest.text(), null, t.line(), t.column() + 1, t.offset() + 1, 1));
        c.advance();
    }
}
