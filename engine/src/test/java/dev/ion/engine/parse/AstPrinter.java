package dev.ion.engine.parse;

import java.util.List;

/**
 * Test-only S-expression rendering of the AST, so tests can pin tree shapes in one string:
 * {@code (+ 1 (* 2 3))}. A block is {@code (block S… -> TAIL)}; an expression statement
 * prints its expression, followed by {@code ;} when it had one.
 */
final class AstPrinter {
    private final StringBuilder sb = new StringBuilder();

    static String print(Ast.Node node) {
        AstPrinter p = new AstPrinter();
        p.node(node);
        return p.sb.toString();
    }

    static String print(Ast.TypeAnn t) {
        AstPrinter p = new AstPrinter();
        p.type(t);
        return p.sb.toString();
    }

    private AstPrinter open(String head) {
        sb.append('(').append(head);
        return this;
    }

    private void close() {
        sb.append(')');
    }

    private void sp() {
        sb.append(' ');
    }

    private void child(Ast.Node n) {
        sp();
        if (n == null) {
            sb.append('_');
        } else {
            node(n);
        }
    }

    private void children(List<? extends Ast.Node> ns) {
        for (Ast.Node n : ns) {
            child(n);
        }
    }

    private void label(String l) {
        if (l != null) {
            sb.append(" '").append(l);
        }
    }

    private void node(Ast.Node n) {
        if (n instanceof Ast.Stmt s) {
            stmt(s);
        } else if (n instanceof Ast.Expr e) {
            expr(e);
        } else {
            pattern((Ast.Pattern) n);
        }
    }

    private void stmt(Ast.Stmt s) {
        if (s instanceof Ast.Let l) {
            open("let");
            child(l.pattern());
            if (l.type() != null) {
                sb.append(" : ");
                type(l.type());
            }
            child(l.value());
            close();
        } else if (s instanceof Ast.FnDecl f) {
            open("fn ").sb.append(f.name());
            params(f.params());
            child(f.body());
            close();
        } else if (s instanceof Ast.Assign a) {
            open(a.op() == null ? "=" : a.op().symbol() + "=");
            child(a.target());
            child(a.value());
            close();
        } else if (s instanceof Ast.ExprStmt e) {
            expr(e.expr());
            if (e.semicolon()) {
                sb.append(';');
            }
        } else if (s instanceof Ast.Use u) {
            open("use ").sb.append(String.join("::", u.path()));
            if (u.glob()) {
                sb.append(" *");
            }
            for (Ast.UseItem i : u.items()) {
                sb.append(' ').append(i.name());
                if (i.alias() != null) {
                    sb.append(" as ").append(i.alias());
                }
            }
            close();
        }
    }

    private void params(List<Ast.Param> ps) {
        sb.append(" (");
        for (int i = 0; i < ps.size(); i++) {
            Ast.Param p = ps.get(i);
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(switch (p.kind()) {
                case NORMAL -> "";
                case REST -> "*";
                case KWARGS -> "**";
            }).append(p.name());
            if (p.positionalOnly()) {
                sb.append("@pos");
            }
            if (p.keywordOnly()) {
                sb.append("@kw");
            }
            if (p.defaultValue() != null) {
                sb.append('=');
                expr(p.defaultValue());
            }
        }
        sb.append(')');
    }

    private void type(Ast.TypeAnn t) {
        sb.append(t.name());
        if (!t.args().isEmpty()) {
            sb.append('<');
            for (int i = 0; i < t.args().size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                type(t.args().get(i));
            }
            sb.append('>');
        }
    }

    private void str(String s) {
        sb.append('"');
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
        sb.append('"');
    }

    private void args(List<Ast.Arg> args) {
        for (Ast.Arg a : args) {
            sp();
            switch (a.kind()) {
                case KEYWORD -> sb.append(a.name()).append(':');
                case SPREAD -> sb.append('*');
                case SPREAD_DICT -> sb.append("**");
                default -> {
                }
            }
            expr(a.value());
        }
    }

    private void clauses(List<Ast.CompClause> cs) {
        for (Ast.CompClause c : cs) {
            sp();
            open("for");
            child(c.pattern());
            child(c.iterable());
            if (c.condition() != null) {
                sb.append(" if");
                child(c.condition());
            }
            close();
        }
    }

    private void expr(Ast.Expr e) {
        if (e instanceof Ast.IntLit i) {
            sb.append(i.value());
        } else if (e instanceof Ast.FloatLit f) {
            sb.append(f.value());
        } else if (e instanceof Ast.StrLit s) {
            str(s.value());
        } else if (e instanceof Ast.BytesLit b) {
            sb.append("b[");
            for (int i = 0; i < b.value().length; i++) {
                sb.append(i > 0 ? " " : "").append(b.value()[i] & 0xFF);
            }
            sb.append(']');
        } else if (e instanceof Ast.BoolLit b) {
            sb.append(b.value());
        } else if (e instanceof Ast.NoneLit) {
            sb.append("None");
        } else if (e instanceof Ast.UnitLit) {
            sb.append("()");
        } else if (e instanceof Ast.FString f) {
            open("f");
            children(f.parts());
            close();
        } else if (e instanceof Ast.Ident i) {
            sb.append(i.name());
        } else if (e instanceof Ast.Path p) {
            sb.append(String.join("::", p.segments()));
        } else if (e instanceof Ast.Wrap w) {
            open(w.ctor());
            child(w.value());
            close();
        } else if (e instanceof Ast.Spread s) {
            open("...");
            child(s.value());
            close();
        } else if (e instanceof Ast.ListLit l) {
            open("list");
            children(l.items());
            close();
        } else if (e instanceof Ast.TupleLit t) {
            open("tuple");
            children(t.items());
            close();
        } else if (e instanceof Ast.DictLit d) {
            open("dict");
            for (Ast.DictEntry en : d.entries()) {
                sp();
                if (en.key() == null) {
                    open("...");
                } else {
                    sb.append('(');
                    expr(en.key());
                }
                child(en.value());
                close();
            }
            close();
        } else if (e instanceof Ast.ListComp l) {
            open("listcomp");
            child(l.element());
            clauses(l.clauses());
            close();
        } else if (e instanceof Ast.DictComp d) {
            open("dictcomp");
            child(d.key());
            child(d.value());
            clauses(d.clauses());
            close();
        } else if (e instanceof Ast.Unary u) {
            open(u.op().symbol());
            child(u.operand());
            close();
        } else if (e instanceof Ast.Binary b) {
            open(b.op().symbol());
            child(b.left());
            child(b.right());
            close();
        } else if (e instanceof Ast.Logical l) {
            open(l.and() ? "&&" : "||");
            child(l.left());
            child(l.right());
            close();
        } else if (e instanceof Ast.Range r) {
            open(r.inclusive() ? "..=" : "..");
            child(r.start());
            child(r.end());
            close();
        } else if (e instanceof Ast.Pipe p) {
            open("|>");
            child(p.value());
            child(p.function());
            close();
        } else if (e instanceof Ast.Call c) {
            open("call");
            child(c.callee());
            args(c.args());
            close();
        } else if (e instanceof Ast.MethodCall m) {
            open("." + m.name());
            child(m.receiver());
            args(m.args());
            close();
        } else if (e instanceof Ast.Field f) {
            open(".");
            child(f.receiver());
            sb.append(' ').append(f.name());
            close();
        } else if (e instanceof Ast.Index i) {
            open("index");
            child(i.receiver());
            child(i.index());
            close();
        } else if (e instanceof Ast.Question q) {
            open("?");
            child(q.value());
            close();
        } else if (e instanceof Ast.Await a) {
            open("await");
            child(a.task());
            close();
        } else if (e instanceof Ast.Block b) {
            open("block");
            children(b.stmts());
            if (b.tail() != null) {
                sb.append(" ->");
                child(b.tail());
            }
            close();
        } else if (e instanceof Ast.If i) {
            open("if");
            child(i.condition());
            child(i.then());
            if (i.otherwise() != null) {
                child(i.otherwise());
            }
            close();
        } else if (e instanceof Ast.IfLet i) {
            open("if-let");
            child(i.pattern());
            child(i.value());
            child(i.then());
            if (i.otherwise() != null) {
                child(i.otherwise());
            }
            close();
        } else if (e instanceof Ast.Match m) {
            open("match");
            child(m.subject());
            for (Ast.MatchArm a : m.arms()) {
                sp();
                open("arm");
                child(a.pattern());
                if (a.guard() != null) {
                    sb.append(" if");
                    child(a.guard());
                }
                child(a.body());
                close();
            }
            close();
        } else if (e instanceof Ast.Loop l) {
            open("loop");
            label(l.label());
            child(l.body());
            close();
        } else if (e instanceof Ast.While w) {
            open("while");
            label(w.label());
            child(w.condition());
            child(w.body());
            close();
        } else if (e instanceof Ast.WhileLet w) {
            open("while-let");
            label(w.label());
            child(w.pattern());
            child(w.value());
            child(w.body());
            close();
        } else if (e instanceof Ast.For f) {
            open("for");
            label(f.label());
            child(f.pattern());
            child(f.iterable());
            child(f.body());
            close();
        } else if (e instanceof Ast.Break b) {
            open("break");
            label(b.label());
            if (b.value() != null) {
                child(b.value());
            }
            close();
        } else if (e instanceof Ast.Continue c) {
            open("continue");
            label(c.label());
            close();
        } else if (e instanceof Ast.Return r) {
            open("return");
            if (r.value() != null) {
                child(r.value());
            }
            close();
        } else if (e instanceof Ast.Lambda l) {
            open("lambda");
            params(l.params());
            child(l.body());
            close();
        } else if (e instanceof Ast.TryCatch t) {
            open("try");
            child(t.body());
            child(t.binding());
            child(t.handler());
            close();
        } else if (e instanceof Ast.Async a) {
            open("async");
            child(a.body());
            close();
        } else if (e instanceof Ast.Spawn s) {
            open("spawn");
            child(s.value());
            close();
        } else if (e instanceof Ast.Select s) {
            open("select");
            for (Ast.SelectArm a : s.arms()) {
                sp();
                open("arm");
                child(a.pattern());
                child(a.source());
                child(a.body());
                close();
            }
            close();
        } else {
            throw new IllegalArgumentException("unknown node " + e);
        }
    }

    private void pattern(Ast.Pattern p) {
        if (p instanceof Ast.WildcardPat) {
            sb.append('_');
        } else if (p instanceof Ast.BindPat b) {
            sb.append(b.mutable() ? "mut " : "").append(b.name());
        } else if (p instanceof Ast.LitPat l) {
            expr(l.literal());
        } else if (p instanceof Ast.NonePat) {
            sb.append("None");
        } else if (p instanceof Ast.WrapPat w) {
            open(w.ctor());
            child(w.inner());
            close();
        } else if (p instanceof Ast.TuplePat t) {
            open("tuple");
            children(t.items());
            close();
        } else if (p instanceof Ast.ListPat l) {
            sb.append('[');
            for (int i = 0; i < l.items().size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                pattern(l.items().get(i));
            }
            if (l.hasRest()) {
                sb.append(l.items().isEmpty() ? "..." : " ...");
                if (l.rest() != null) {
                    pattern(l.rest());
                }
            }
            sb.append(']');
        } else if (p instanceof Ast.EnumPat en) {
            open("enum ").sb.append(en.enumName()).append("::").append(en.variant());
            if (en.args() != null) {
                sb.append(" (");
                for (int i = 0; i < en.args().size(); i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    pattern(en.args().get(i));
                }
                sb.append(')');
            }
            close();
        } else if (p instanceof Ast.StructPat s) {
            open("struct ").sb.append(s.name());
            for (Ast.FieldPat f : s.fields()) {
                sb.append(' ').append(f.name()).append(':');
                pattern(f.pattern());
            }
            close();
        } else if (p instanceof Ast.OrPat o) {
            open("or");
            children(o.alternatives());
            close();
        } else if (p instanceof Ast.RangePat r) {
            open("range");
            child(r.low());
            sb.append(r.inclusive() ? " ..=" : " ..");
            child(r.high());
            close();
        }
    }
}
