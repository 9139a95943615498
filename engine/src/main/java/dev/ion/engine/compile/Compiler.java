package dev.ion.engine.compile;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.compile.FunctionState.Kind;
import dev.ion.engine.compile.FunctionState.Local;
import dev.ion.engine.compile.NameResolver.Resolved;
import dev.ion.engine.parse.Ast.*;
import dev.ion.engine.parse.BinaryOp;
import dev.ion.engine.parse.Parser;
import dev.ion.engine.parse.Span;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.StrValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed script into {@link Proto} bytecode. Every local resolves to a slot at
 * compile time. Top-level bindings that top-level functions refer to live in global
 * slots (so mutual recursion and forward references work); closures capture by value.
 *
 * <p>This class is the entry point and compiles what the parser's statement level produces:
 * the script with its hoisted top-level functions, blocks, statements ({@code let},
 * assignment, {@code use}, nested {@code fn}) and function bodies. The other parts follow the
 * parser's seams and share one {@link CompileContext}: {@link NameResolver} (where a name
 * lives), {@link ExprCompiler} (expressions), {@link ControlCompiler} (branches, loops,
 * unwinding, {@code try}, {@code select}), {@link PatternCompiler} (patterns and bindings) and
 * {@link HostTypeChecks} (the host's struct and enum types).
 */
public final class Compiler {
    /** A compiled script: its main function and the number of global slots it needs. */
    public record Program(Proto main, int globalCount, String[] globalNames) {
    }

    private final CompileContext cx;

    private Compiler(Environment env) {
        this.cx = new CompileContext(env, this);
    }

    private FunctionState fs() {
        return cx.fs;
    }

    public static Program compile(String source, Environment env) {
        Block script = Parser.parse(source);
        try {
            return new Compiler(env).compileScript(script);
        } catch (StackOverflowError shallowStack) {
            return compileOnLargeStack(script, env);
        }
    }

    /** Deeply nested (but parseable) scripts compile on a thread with a stack big enough for the nesting bound. */
    private static Program compileOnLargeStack(Block script, Environment env) {
        Program[] result = new Program[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread worker = new Thread(null, () -> {
            try {
                result[0] = new Compiler(env).compileScript(script);
            } catch (RuntimeException e) {
                failure[0] = e;
            } catch (StackOverflowError e) {
                failure[0] = new IonException(ErrorKind.PARSE, "nesting too deep (limit " + Parser.MAX_NESTING + ")",
                        script.span().line(), script.span().column());
            }
        }, "ion-compile", 256L << 20);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IonException.runtime("compilation interrupted");
        }
        if (failure[0] != null) throw failure[0];
        return result[0];
    }

    /*
     *          JUMP -> prologue
     *   body:  <statements>
     *          HALT
     *   prologue:
     *          CLOSURE f; STORE_GLOBAL g      for each top-level fn f (hoisted: set before the first statement)
     *          JUMP -> body
     */
    private Program compileScript(Block script) {
        FunctionState main = new FunctionState(null, Kind.MAIN, "<script>", null);
        cx.main = main;
        cx.fs = main;
        cx.globalized = referencedFromTopLevelFunctions(script);
        Map<FnDecl, Integer> hoisted = new HashMap<>();
        for (Stmt s : script.stmts()) {
            if (s instanceof FnDecl f) {
                int g = cx.names.newGlobal(f.name());
                hoisted.put(f, g);
                cx.hoistedGlobals.set(g);
                Local l = main.declareAt(f.name(), g, false, true);
                cx.topLevel.add(l);
            }
        }
        int prologueJump = main.emitJump(Opcodes.JUMP);
        int body = main.here();
        compileBlockContents(script, true);
        main.emit(Opcodes.HALT);
        main.patchJump(prologueJump);
        for (Stmt s : script.stmts()) {
            if (s instanceof FnDecl f) {
                main.position = f.span();
                main.emit(Opcodes.CLOSURE, main.protos.size());
                main.protos.add(compileFunction(f.name(), f.params(), f.body(), Kind.TOP_FN, null, f.span()));
                main.emit(Opcodes.STORE_GLOBAL, hoisted.get(f));
            }
        }
        main.emitLoop(body);
        if (!cx.problems.isEmpty()) {
            IonException.Problem first = cx.problems.get(0);
            throw new IonException(first.kind(), first.message(), first.line(), first.column(), List.of(), cx.problems);
        }
        return new Program(main.finish(ParamSpec.none()), cx.globalNames.size(), cx.globalNames.toArray(new String[0]));
    }

    /** Names mentioned inside top-level function bodies: those top-level bindings must be globals. */
    private static Set<String> referencedFromTopLevelFunctions(Block script) {
        Set<String> names = new HashSet<>();
        for (Stmt s : script.stmts()) {
            if (s instanceof FnDecl f) {
                NameCollector.collect(f.body(), names);
                for (Param p : f.params()) if (p.defaultValue() != null) NameCollector.collect(p.defaultValue(), names);
            }
        }
        return names;
    }

    void compileBlockContents(Block block, boolean topLevelScope) {
        List<Stmt> stmts = block.stmts();
        for (Stmt s : stmts) {
            compileStmt(s, topLevelScope);
        }
        if (block.tail() != null) {
            cx.exprs.compileExpr(block.tail());
        } else {
            fs().position = block.span();
            fs().emit(Opcodes.UNIT);
        }
    }

    void compileStmt(Stmt s, boolean topLevelScope) {
        fs().position = s.span();
        if (s instanceof ExprStmt e) {
            cx.exprs.compileExpr(e.expr());
            fs().emit(Opcodes.POP);
        } else if (s instanceof Let l) {
            compileLet(l, topLevelScope);
        } else if (s instanceof FnDecl f) {
            if (!topLevelScope || cx.fs != cx.main) {
                Local slot = fs().declare(f.name(), false);
                fs().emit(Opcodes.CLOSURE, fs().protos.size());
                fs().protos.add(compileFunction(f.name(), f.params(), f.body(), Kind.NESTED, f.name(), f.span()));
                fs().emit(Opcodes.STORE, slot.slot);
            }
        } else if (s instanceof Assign a) {
            compileAssign(a);
        } else if (s instanceof Use u) {
            compileUse(u);
        }
    }

    private void compileLet(Let l, boolean topLevelScope) {
        cx.exprs.compileExpr(l.value());
        if (l.type() != null) {
            fs().emit(Opcodes.TYPE_CHECK, fs().constant(typeConstant(l.type())));
        }
        boolean top = topLevelScope && cx.fs == cx.main;
        if (l.pattern() instanceof BindPat b) {
            cx.patterns.bindNew(b.name(), b.mutable(), top);
            return;
        }
        int tmp = fs().newSlot("<let>");
        fs().emit(Opcodes.STORE, tmp);
        List<Integer> fails = new ArrayList<>();
        cx.patterns.matchPattern(l.pattern(), tmp, fails, top);
        if (!fails.isEmpty()) {
            int ok = fs().emitJump(Opcodes.JUMP);
            for (int f : fails) fs().patchJump(f);
            fs().emit(Opcodes.MATCH_FAIL, fs().stringConstant("pattern match failed in binding"));
            fs().patchJump(ok);
        }
    }

    private void compileUse(Use u) {
        Value module = cx.names.resolvePath(u.path(), u.span());
        if (module == null) {
            fs().emit(Opcodes.POP); // the UNDEFINED emitted raises; a statement leaves nothing either way
            return;
        }
        if (u.glob()) {
            if (module instanceof ModuleValue m) {
                for (Map.Entry<String, Value> e : m.members().entrySet()) fs().declareConstant(e.getKey(), e.getValue());
            } else {
                cx.error(u.span(), "cannot glob-import from " + String.join("::", u.path()) + " (not a module)");
            }
            return;
        }
        for (UseItem item : u.items()) {
            Value member = module instanceof ModuleValue m ? m.member(item.name()) : null;
            if (member == null) {
                cx.nameError(item.span(), "module '" + String.join("::", u.path()) + "' has no member '" + item.name() + "'");
                continue;
            }
            fs().declareConstant(item.alias() != null ? item.alias() : item.name(), member);
        }
    }

    /*
     * x += 1, x = x + 1:                        ADD_INT x, 1
     * x += e, x = x + e (e assigns no local):   <e>; ADD_TO x
     */
    /** Compiles an update of local {@code slot} in one instruction when it has one of the shapes above. */
    private boolean compileLocalUpdate(Assign a, Ident root, int slot) {
        BinaryOp op = a.op();
        Expr operand = a.value();
        Span position = a.span();
        if (op == null && a.value() instanceof Binary b && b.left() instanceof Ident l && l.name().equals(root.name())) {
            op = b.op();
            operand = b.right();
            position = b.span(); // where the addition stands, as if compiled as LOAD, ADD, STORE
        }
        if (op != BinaryOp.ADD) return false;
        if (ExprCompiler.smallInt(operand)) {
            fs().position = position;
            fs().emit(Opcodes.ADD_INT, slot, (int) ((IntLit) operand).value());
            return true;
        }
        if (ExprCompiler.leavesLocalsAlone(operand)) {
            cx.exprs.compileExpr(operand);
            fs().position = position;
            fs().emit(Opcodes.ADD_TO, slot);
            return true;
        }
        return false;
    }

    private void compileAssign(Assign a) {
        // Flatten target chain: root identifier, then accessors (Index or Field).
        List<Expr> chain = new ArrayList<>();
        Expr t = a.target();
        while (t instanceof Index || t instanceof Field) {
            chain.add(0, t);
            t = t instanceof Index i ? i.receiver() : ((Field) t).receiver();
        }
        if (!(t instanceof Ident root)) {
            cx.error(a.span(), "invalid assignment target");
            return;
        }
        Resolved r = cx.names.resolve(root.name());
        if (r == null || r.kind() == Resolved.CONSTANT) {
            cx.nameError(root.span(), r == null ? "undefined variable '" + root.name() + "'"
                    : "cannot assign to immutable variable '" + root.name() + "'");
            return;
        }
        if (r.kind() == Resolved.CAPTURE || r.kind() == Resolved.SELF) {
            cx.nameError(root.span(), "cannot assign to captured variable '" + root.name()
                    + "' (closures capture by value; share state through cell())");
            return;
        }
        if (!r.mutable()) {
            cx.nameError(root.span(), "cannot assign to immutable variable '" + root.name() + "'");
            return;
        }
        if (chain.isEmpty() && r.kind() == Resolved.LOCAL && compileLocalUpdate(a, root, r.index())) {
            return;
        }
        if (chain.isEmpty()) {
            if (a.op() == null) {
                cx.exprs.compileExpr(a.value());
            } else {
                cx.names.load(r);
                cx.exprs.compileExpr(a.value());
                fs().position = a.span();
                fs().emit(Operators.opcode(a.op()));
            }
            cx.names.store(r);
            return;
        }
        if (chain.size() == 1 && a.op() == null && chain.get(0) instanceof Index ix) {
            // x[i] = v: container, index and value are evaluated in that order on the stack, no slots needed
            cx.names.load(r);
            cx.exprs.compileExpr(ix.index());
            cx.exprs.compileExpr(a.value());
            fs().position = ix.span();
            fs().emit(Opcodes.SET_INDEX);
            cx.names.store(r);
            return;
        }
        // containers[k] holds the value at depth k; keys[k] the index/field used to go one deeper.
        int n = chain.size();
        int[] containers = new int[n];
        int[] keys = new int[n];
        cx.names.load(r);
        for (int k = 0; k < n; k++) {
            containers[k] = fs().newSlot("<assign>");
            fs().emit(Opcodes.STORE, containers[k]);
            Expr acc = chain.get(k);
            if (acc instanceof Index ix) {
                keys[k] = fs().newSlot("<key>");
                cx.exprs.compileExpr(ix.index());
                fs().emit(Opcodes.STORE, keys[k]);
                if (k < n - 1 || a.op() != null) {
                    fs().emit(Opcodes.LOAD, containers[k]);
                    fs().emit(Opcodes.LOAD, keys[k]);
                    fs().position = acc.span();
                    fs().emit(Opcodes.INDEX);
                }
            } else {
                keys[k] = -1;
                if (k < n - 1 || a.op() != null) {
                    fs().emit(Opcodes.LOAD, containers[k]);
                    fs().position = acc.span();
                    fs().emit(Opcodes.FIELD, fs().stringConstant(((Field) acc).name()));
                }
            }
        }
        // stack: current value at the deepest position (only when op != null)
        cx.exprs.compileExpr(a.value());
        if (a.op() != null) {
            fs().position = a.span();
            fs().emit(Operators.opcode(a.op()));
        }
        for (int k = n - 1; k >= 0; k--) {
            int valueSlot = fs().newSlot("<value>");
            fs().emit(Opcodes.STORE, valueSlot);
            fs().emit(Opcodes.LOAD, containers[k]);
            fs().position = chain.get(k).span();
            if (keys[k] >= 0) {
                fs().emit(Opcodes.LOAD, keys[k]);
                fs().emit(Opcodes.LOAD, valueSlot);
                fs().emit(Opcodes.SET_INDEX);
            } else {
                fs().emit(Opcodes.LOAD, valueSlot);
                fs().emit(Opcodes.SET_FIELD, fs().stringConstant(((Field) chain.get(k)).name()));
            }
        }
        cx.names.store(r);
    }

    private Proto compileFunction(String name, List<Param> params, Expr body, Kind kind, String selfName, Span span) {
        FunctionState saved = cx.fs;
        FunctionState f = new FunctionState(saved, kind, name, selfName);
        cx.fs = f;
        f.position = span;
        int positionalOnly = 0;
        int keywordOnlyFrom = -1;
        boolean hasRest = false;
        boolean hasKwargs = false;
        List<String> names = new ArrayList<>();
        List<Boolean> defaults = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Param p : params) {
            if (!seen.add(p.name())) cx.error(p.span(), "duplicate parameter '" + p.name() + "'");
            if (p.kind() == ParamKind.NORMAL) {
                names.add(p.name());
                defaults.add(p.defaultValue() != null);
                if (p.positionalOnly()) positionalOnly = names.size();
                if (p.keywordOnly() && keywordOnlyFrom < 0) keywordOnlyFrom = names.size() - 1;
            } else if (p.kind() == ParamKind.REST) {
                hasRest = true;
                if (keywordOnlyFrom < 0) keywordOnlyFrom = names.size();
            } else {
                hasKwargs = true;
            }
        }
        if (keywordOnlyFrom < 0) keywordOnlyFrom = names.size();
        // slots: named params, then rest, then kwargs
        for (String pn : names) f.declare(pn, true);
        for (Param p : params) if (p.kind() == ParamKind.REST) f.declare(p.name(), true);
        for (Param p : params) if (p.kind() == ParamKind.KWARGS) f.declare(p.name(), true);
        int slot = 0;
        for (Param p : params) {
            if (p.kind() != ParamKind.NORMAL) continue;
            if (p.defaultValue() != null) {
                f.position = p.span();
                int offsetOperand = f.emitJump(Opcodes.DEFAULT_ARG, slot);
                cx.exprs.compileExpr(p.defaultValue());
                f.emit(Opcodes.STORE, slot);
                f.patchJump(offsetOperand);
            }
            slot++;
        }
        int n = names.size();
        cx.control.compileReturning(body);
        boolean[] hasDefault = new boolean[n];
        for (int i = 0; i < n; i++) hasDefault[i] = defaults.get(i);
        Proto proto = f.finish(new ParamSpec(names.toArray(new String[0]), hasDefault, positionalOnly, keywordOnlyFrom,
                hasRest, hasKwargs));
        cx.fs = saved;
        return proto;
    }

    void compileClosure(String name, List<Param> params, Expr body, Span span) {
        Proto p = compileFunction(name, params, body, Kind.NESTED, null, span);
        fs().position = span;
        fs().emit(Opcodes.CLOSURE, fs().protos.size());
        fs().protos.add(p);
    }

    private static Value typeConstant(TypeAnn t) {
        return StrValue.of(t.name());
    }
}
