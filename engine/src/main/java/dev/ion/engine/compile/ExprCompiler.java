package dev.ion.engine.compile;

import dev.ion.engine.Value;
import dev.ion.engine.parse.Ast.*;
import dev.ion.engine.parse.BinaryOp;
import dev.ion.engine.parse.Span;
import dev.ion.engine.parse.UnaryOp;
import dev.ion.engine.value.EnumValue;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.StrValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles expressions that are not control flow: literals, names, operators (with the
 * superinstructions for small int operands), collections and comprehensions, calls, fields,
 * indexing. Each leaves exactly one value on the operand stack.
 */
final class ExprCompiler {
    private final CompileContext cx;

    ExprCompiler(CompileContext cx) {
        this.cx = cx;
    }

    private FunctionState fs() {
        return cx.fs;
    }

    void compileExpr(Expr e) {
        Span saved = fs().position;
        fs().position = e.span();
        compileExprInner(e);
        fs().position = saved;
    }

    private void compileExprInner(Expr e) {
        if (e instanceof IntLit i) {
            fs().emit(Opcodes.CONST, fs().constant(IntValue.of(i.value())));
        } else if (e instanceof FloatLit f) {
            fs().emit(Opcodes.CONST, fs().constant(FloatValue.of(f.value())));
        } else if (e instanceof StrLit s) {
            fs().emit(Opcodes.CONST, fs().constant(StrValue.of(s.value())));
        } else if (e instanceof BytesLit b) {
            fs().emit(Opcodes.CONST, fs().constant(BytesValue.literal(b.value().clone())));
        } else if (e instanceof BoolLit b) {
            fs().emit(b.value() ? Opcodes.TRUE : Opcodes.FALSE);
        } else if (e instanceof NoneLit) {
            fs().emit(Opcodes.NONE);
        } else if (e instanceof UnitLit) {
            fs().emit(Opcodes.UNIT);
        } else if (e instanceof Ident id) {
            cx.names.compileIdent(id);
        } else if (e instanceof Path p) {
            Value v = cx.names.resolvePath(p.segments(), p.span());
            if (v != null) fs().emit(Opcodes.CONST, fs().constant(v));
        } else if (e instanceof FString f) {
            compileFString(f);
        } else if (e instanceof Wrap w) {
            compileExpr(w.value());
            fs().emit(Opcodes.WRAP, wrapKind(w.ctor()));
        } else if (e instanceof ListLit l) {
            compileSequence(l.items());
        } else if (e instanceof TupleLit t) {
            if (t.items().stream().anyMatch(x -> x instanceof Spread)) {
                compileSequence(t.items());
                fs().emit(Opcodes.LIST_TO_TUPLE);
            } else {
                for (Expr x : t.items()) compileExpr(x);
                fs().emit(Opcodes.MAKE_TUPLE, t.items().size());
            }
        } else if (e instanceof DictLit d) {
            compileDict(d);
        } else if (e instanceof ListComp c) {
            compileListComp(c);
        } else if (e instanceof DictComp c) {
            compileDictComp(c);
        } else if (e instanceof Unary u) {
            compileUnary(u);
        } else if (e instanceof Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB) && smallInt(b.right())) {
            boolean add = b.op() == BinaryOp.ADD;
            int n = (int) ((IntLit) b.right()).value();
            int local = cx.names.localSlot(b.left());
            if (local >= 0) {
                fs().position = b.span();
                fs().emit(add ? Opcodes.LOAD_ADD_CONST : Opcodes.LOAD_SUB_CONST, local, n);
            } else {
                compileExpr(b.left());
                fs().position = b.span();
                fs().emit(add ? Opcodes.ADD_CONST : Opcodes.SUB_CONST, n);
            }
        } else if (e instanceof Binary b && constOperandOp(b) >= 0) {
            compileExpr(b.left());
            fs().position = b.span();
            fs().emit(constOperandOp(b), (int) ((IntLit) b.right()).value());
        } else if (e instanceof Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.MUL)
                && cx.names.localSlot(b.left()) >= 0 && cx.names.localSlot(b.right()) >= 0) {
            fs().position = b.span();
            fs().emit(b.op() == BinaryOp.ADD ? Opcodes.ADD_LOCALS : Opcodes.MUL_LOCALS,
                    cx.names.localSlot(b.left()), cx.names.localSlot(b.right()));
        } else if (e instanceof Binary b) {
            compileOperands(b.left(), b.right());
            fs().position = b.span();
            fs().emit(Operators.opcode(b.op()));
        } else if (e instanceof Logical l) {
            compileLogical(l);
        } else if (e instanceof Range r) {
            if (r.start() == null || r.end() == null) {
                cx.error(r.span(), "a range needs both bounds outside of indexing");
                fs().adjustStack(1);
                return;
            }
            compileExpr(r.start());
            compileExpr(r.end());
            fs().position = r.span();
            fs().emit(Opcodes.RANGE, r.inclusive() ? 1 : 0);
        } else if (e instanceof Pipe p) {
            compilePipe(p);
        } else if (e instanceof StructLit s) {
            cx.hostTypes.compileStructLit(s);
        } else if (e instanceof Call c) {
            compileCall(c);
        } else if (e instanceof MethodCall m) {
            compileMethodCall(m);
        } else if (e instanceof Field f) {
            compileExpr(f.receiver());
            fs().position = f.span();
            fs().emit(Opcodes.FIELD, fs().stringConstant(f.name()));
        } else if (e instanceof Index i) {
            compileIndex(i);
        } else if (e instanceof Question q) {
            cx.control.compileQuestion(q);
        } else if (e instanceof Await a) {
            compileExpr(a.task());
            fs().position = a.span();
            fs().emit(Opcodes.AWAIT);
        } else if (e instanceof Block b) {
            fs().beginScope();
            cx.statements.compileBlockContents(b, false);
            fs().endScope();
        } else if (e instanceof If i) {
            cx.control.compileIf(i);
        } else if (e instanceof IfLet i) {
            cx.control.compileIfLet(i);
        } else if (e instanceof Match m) {
            cx.control.compileMatch(m);
        } else if (e instanceof Loop l) {
            cx.control.compileLoop(l);
        } else if (e instanceof While w) {
            cx.control.compileWhile(w);
        } else if (e instanceof WhileLet w) {
            cx.control.compileWhileLet(w);
        } else if (e instanceof For f) {
            cx.control.compileFor(f);
        } else if (e instanceof Break b) {
            cx.control.compileBreak(b);
        } else if (e instanceof Continue c) {
            cx.control.compileContinue(c);
        } else if (e instanceof Return r) {
            cx.control.compileReturn(r);
        } else if (e instanceof Lambda l) {
            cx.statements.compileClosure("<lambda>", l.params(), l.body(), l.span());
        } else if (e instanceof TryCatch t) {
            cx.control.compileTry(t);
        } else if (e instanceof Async a) {
            cx.control.compileAsync(a);
        } else if (e instanceof Spawn s) {
            cx.statements.compileClosure("<spawn>", List.of(), s.value(), s.span());
            fs().position = s.span();
            fs().emit(Opcodes.SPAWN);
        } else if (e instanceof Select s) {
            cx.control.compileSelect(s);
        } else if (e instanceof Spread s) {
            cx.error(s.span(), "'...' is only allowed inside list, tuple and dict literals");
            fs().adjustStack(1);
        } else {
            cx.error(e.span(), "unsupported expression");
            fs().adjustStack(1);
        }
    }

    /** Whether {@code e} is an integer literal that fits an instruction operand. */
    /** {@code a * 3} and {@code a % 7} (a positive divisor): MUL_CONST or MOD_CONST, else -1. */
    private static int constOperandOp(Binary b) {
        if (!smallInt(b.right())) return -1;
        if (b.op() == BinaryOp.MUL) return Opcodes.MUL_CONST;
        if (b.op() == BinaryOp.MOD && ((IntLit) b.right()).value() > 0) return Opcodes.MOD_CONST;
        return -1;
    }

    /** Pushes {@code left} then {@code right}; two locals in one LOAD2. */
    void compileOperands(Expr left, Expr right) {
        int a = cx.names.localSlot(left);
        int b = a >= 0 ? cx.names.localSlot(right) : -1;
        if (b >= 0) {
            fs().emit(Opcodes.LOAD2, a, b);
            return;
        }
        compileExpr(left);
        compileExpr(right);
    }

    /**
     * Whether evaluating {@code e} can change no local variable of the running function: literals, names,
     * operators, calls, fields and indexing of such (a called function cannot assign its caller's locals).
     * Blocks, conditionals and loops are not, since they may contain assignments.
     */
    static boolean leavesLocalsAlone(Expr e) {
        if (e instanceof IntLit || e instanceof FloatLit || e instanceof StrLit || e instanceof BoolLit
                || e instanceof Ident) {
            return true;
        }
        if (e instanceof Binary b) return leavesLocalsAlone(b.left()) && leavesLocalsAlone(b.right());
        if (e instanceof Unary u) return leavesLocalsAlone(u.operand());
        if (e instanceof Field f) return leavesLocalsAlone(f.receiver());
        if (e instanceof Index i) return leavesLocalsAlone(i.receiver()) && leavesLocalsAlone(i.index());
        if (e instanceof Call c) {
            return leavesLocalsAlone(c.callee()) && c.args().stream().allMatch(a -> leavesLocalsAlone(a.value()));
        }
        if (e instanceof MethodCall m) {
            return leavesLocalsAlone(m.receiver()) && m.args().stream().allMatch(a -> leavesLocalsAlone(a.value()));
        }
        return false;
    }

    static boolean smallInt(Expr e) {
        return e instanceof IntLit k && k.value() == (int) k.value();
    }

    static int wrapKind(String ctor) {
        return switch (ctor) {
            case "Some" -> 0;
            case "Ok" -> 1;
            default -> 2;
        };
    }

    private void compileFString(FString f) {
        int n = 0;
        for (Expr part : f.parts()) {
            if (part instanceof StrLit s && s.value().isEmpty()) continue;
            compileExpr(part);
            if (!(part instanceof StrLit)) fs().emit(Opcodes.TO_STR);
            n++;
        }
        if (n == 0) {
            fs().emit(Opcodes.CONST, fs().stringConstant(""));
        } else if (n > 1) {
            fs().position = f.span();
            fs().emit(Opcodes.CONCAT, n);
        }
    }

    private static final int INLINE_LIMIT = 32;

    /** Compiles list items (with spreads) to one list on the stack. */
    private void compileSequence(List<Expr> items) {
        boolean spreads = items.stream().anyMatch(x -> x instanceof Spread);
        if (!spreads && items.size() <= INLINE_LIMIT) {
            for (Expr x : items) compileExpr(x);
            fs().emit(Opcodes.MAKE_LIST, items.size());
            return;
        }
        fs().emit(Opcodes.MAKE_LIST, 0);
        for (Expr x : items) {
            if (x instanceof Spread s) {
                compileExpr(s.value());
                fs().position = s.span();
                fs().emit(Opcodes.LIST_EXTEND);
            } else {
                compileExpr(x);
                fs().emit(Opcodes.LIST_APPEND);
            }
        }
    }

    private void compileDict(DictLit d) {
        boolean spreads = d.entries().stream().anyMatch(x -> x.key() == null);
        if (!spreads && d.entries().size() <= INLINE_LIMIT) {
            for (DictEntry en : d.entries()) {
                compileExpr(en.key());
                compileExpr(en.value());
            }
            fs().emit(Opcodes.MAKE_DICT, d.entries().size());
            return;
        }
        fs().emit(Opcodes.MAKE_DICT, 0);
        for (DictEntry en : d.entries()) {
            if (en.key() == null) {
                compileExpr(en.value());
                fs().position = en.span();
                fs().emit(Opcodes.DICT_SPREAD);
            } else {
                compileExpr(en.key());
                compileExpr(en.value());
                fs().position = en.span();
                fs().emit(Opcodes.DICT_INSERT);
            }
        }
    }

    private void compileListComp(ListComp c) {
        int acc = fs().newSlot("<comp>");
        fs().emit(Opcodes.MAKE_LIST, 0);
        fs().emit(Opcodes.STORE, acc);
        cx.control.compileClauses(c.clauses(), 0, () -> {
            fs().emit(Opcodes.LOAD, acc);
            compileExpr(c.element());
            fs().emit(Opcodes.LIST_APPEND);
            fs().emit(Opcodes.STORE, acc);
        });
        fs().emit(Opcodes.LOAD, acc);
    }

    private void compileDictComp(DictComp c) {
        int acc = fs().newSlot("<comp>");
        fs().emit(Opcodes.MAKE_DICT, 0);
        fs().emit(Opcodes.STORE, acc);
        cx.control.compileClauses(c.clauses(), 0, () -> {
            fs().emit(Opcodes.LOAD, acc);
            compileExpr(c.key());
            compileExpr(c.value());
            fs().emit(Opcodes.DICT_INSERT);
            fs().emit(Opcodes.STORE, acc);
        });
        fs().emit(Opcodes.LOAD, acc);
    }

    private void compileUnary(Unary u) {
        if (u.op() == UnaryOp.NEG && u.operand() instanceof IntLit i) {
            fs().emit(Opcodes.CONST, fs().constant(IntValue.of(-i.value())));
            return;
        }
        if (u.op() == UnaryOp.NEG && u.operand() instanceof FloatLit f) {
            fs().emit(Opcodes.CONST, fs().constant(FloatValue.of(-f.value())));
            return;
        }
        compileExpr(u.operand());
        fs().position = u.span();
        fs().emit(u.op() == UnaryOp.NEG ? Opcodes.NEG : Opcodes.NOT);
    }

    /*
     *         <left>; JUMP_IF_FALSE -> short        (||: JUMP_IF_TRUE)
     *         <right>; TO_BOOL
     *         JUMP -> end
     * short:  FALSE                                 (||: TRUE)
     * end:
     */
    private void compileLogical(Logical l) {
        compileExpr(l.left());
        int shortCircuit = fs().emitJump(l.and() ? Opcodes.JUMP_IF_FALSE : Opcodes.JUMP_IF_TRUE);
        compileExpr(l.right());
        fs().emit(Opcodes.TO_BOOL);
        int end = fs().emitJump(Opcodes.JUMP);
        fs().adjustStack(-1);
        fs().patchJump(shortCircuit);
        fs().emit(l.and() ? Opcodes.FALSE : Opcodes.TRUE);
        fs().patchJump(end);
    }

    private void compilePipe(Pipe p) {
        if (p.function() instanceof Call c) {
            compileExpr(c.callee());
            List<Arg> args = new ArrayList<>();
            args.add(new Arg(ArgKind.POSITIONAL, null, p.value(), p.value().span()));
            args.addAll(c.args());
            compileArgs(args, p.span());
        } else if (p.function() instanceof MethodCall m) {
            List<Arg> args = new ArrayList<>();
            args.add(new Arg(ArgKind.POSITIONAL, null, p.value(), p.value().span()));
            args.addAll(m.args());
            compileMethodCall(new MethodCall(m.receiver(), m.name(), args, m.span()));
        } else {
            compileExpr(p.function());
            compileExpr(p.value());
            fs().position = p.span();
            fs().emit(Opcodes.CALL, 1);
        }
    }

    private void compileCall(Call c) {
        if (c.callee() instanceof Path p && cx.names.staticPath(p.segments()) instanceof EnumValue ev) {
            String full = ev.enumName() + "::" + ev.variant();
            cx.typeError(c.span(), full + " has no payload and cannot be called (write " + full + ")");
        }
        int hoistedFn = cx.names.hoistedFunction(c.callee());
        if (hoistedFn >= 0 && c.args().stream().allMatch(a -> a.kind() == ArgKind.POSITIONAL)) {
            // the callee cannot be unset or change, so it need not be pushed before the arguments
            for (Arg a : c.args()) compileExpr(a.value());
            fs().position = c.span();
            fs().emit(Opcodes.CALL_GLOBAL, hoistedFn, c.args().size());
        } else {
            compileExpr(c.callee());
            compileArgs(c.args(), c.span());
        }
    }

    /** With the callee on the stack, compiles the arguments and the call. */
    private void compileArgs(List<Arg> args, Span span) {
        boolean simple = args.stream().allMatch(a -> a.kind() == ArgKind.POSITIONAL);
        if (simple) {
            for (Arg a : args) compileExpr(a.value());
            fs().position = span;
            fs().emit(Opcodes.CALL, args.size());
            return;
        }
        fs().emit(Opcodes.MAKE_LIST, 0);
        for (Arg a : args) {
            if (a.kind() == ArgKind.POSITIONAL) {
                compileExpr(a.value());
                fs().emit(Opcodes.LIST_APPEND);
            } else if (a.kind() == ArgKind.SPREAD) {
                compileExpr(a.value());
                fs().position = a.span();
                fs().emit(Opcodes.LIST_EXTEND);
            }
        }
        fs().emit(Opcodes.MAKE_DICT, 0);
        Set<String> names = new HashSet<>();
        for (Arg a : args) {
            if (a.kind() == ArgKind.KEYWORD) {
                if (!names.add(a.name())) cx.error(a.span(), "duplicate keyword argument '" + a.name() + "'");
                fs().emit(Opcodes.CONST, fs().stringConstant(a.name()));
                compileExpr(a.value());
                fs().position = a.span();
                fs().emit(Opcodes.DICT_INSERT);
            } else if (a.kind() == ArgKind.SPREAD_DICT) {
                compileExpr(a.value());
                fs().position = a.span();
                fs().emit(Opcodes.DICT_SPREAD);
            }
        }
        fs().position = span;
        fs().emit(Opcodes.CALL_EX);
    }

    private void compileMethodCall(MethodCall m) {
        compileExpr(m.receiver());
        boolean spread = false;
        for (Arg a : m.args()) {
            if (a.kind() == ArgKind.KEYWORD || a.kind() == ArgKind.SPREAD_DICT) {
                cx.error(a.span(), "method calls take positional arguments only");
            }
            spread |= a.kind() == ArgKind.SPREAD;
        }
        int name = fs().stringConstant(m.name());
        if (!spread) {
            for (Arg a : m.args()) compileExpr(a.value());
            fs().position = m.span();
            fs().emit(Opcodes.CALL_METHOD, name, m.args().size());
            return;
        }
        fs().emit(Opcodes.MAKE_LIST, 0);
        for (Arg a : m.args()) {
            compileExpr(a.value());
            fs().emit(a.kind() == ArgKind.SPREAD ? Opcodes.LIST_EXTEND : Opcodes.LIST_APPEND);
        }
        fs().position = m.span();
        fs().emit(Opcodes.CALL_METHOD_EX, name);
    }

    private void compileIndex(Index i) {
        compileExpr(i.receiver());
        if (i.index() instanceof Range r) {
            int flags = 0;
            if (r.start() != null) {
                compileExpr(r.start());
                flags |= 1;
            }
            if (r.end() != null) {
                compileExpr(r.end());
                flags |= 2;
            }
            if (r.inclusive()) flags |= 4;
            fs().position = i.span();
            fs().emit(Opcodes.SLICE, flags);
            return;
        }
        compileExpr(i.index());
        fs().position = i.span();
        fs().emit(Opcodes.INDEX);
    }
}
