package dev.ion.engine.compile;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.compile.FunctionState.Kind;
import dev.ion.engine.compile.FunctionState.Local;
import dev.ion.engine.compile.FunctionState.LoopContext;
import dev.ion.engine.parse.Ast;
import dev.ion.engine.parse.Ast.*;
import dev.ion.engine.parse.Parser;
import dev.ion.engine.parse.Span;
import dev.ion.engine.stdlib.HostTypes;
import dev.ion.engine.value.EnumValue;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
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
 */
public final class Compiler {
    /** A compiled script: its main function and the number of global slots it needs. */
    public record Program(Proto main, int globalCount, String[] globalNames) {
    }

    private final Environment env;
    private final List<IonException.Problem> problems = new ArrayList<>();
    private FunctionState fs;
    private FunctionState main;
    private final List<String> globalNames = new ArrayList<>();
    /** Top-level bindings in source order, for forward references from functions. */
    private final List<Local> topLevel = new ArrayList<>();
    /** Global slots of hoisted top-level functions: set before the first statement runs, never reassigned. */
    private final java.util.BitSet hoistedGlobals = new java.util.BitSet();
    private Set<String> globalized = Set.of();
    private int lambdaCounter;

    private Compiler(Environment env) {
        this.env = env;
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

    private Program compileScript(Block script) {
        main = new FunctionState(null, Kind.MAIN, "<script>", null);
        fs = main;
        globalized = referencedFromTopLevelFunctions(script);
        // Hoist top-level functions: each gets a global slot initialised before the first statement.
        Map<FnDecl, Integer> hoisted = new HashMap<>();
        for (Stmt s : script.stmts()) {
            if (s instanceof FnDecl f) {
                int g = newGlobal(f.name());
                hoisted.put(f, g);
                hoistedGlobals.set(g);
                Local l = main.declareAt(f.name(), g, false, true);
                topLevel.add(l);
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
        if (!problems.isEmpty()) {
            IonException.Problem first = problems.get(0);
            throw new IonException(first.kind(), first.message(), first.line(), first.column(), List.of(), problems);
        }
        return new Program(main.finish(ParamSpec.none()), globalNames.size(), globalNames.toArray(new String[0]));
    }

    private int newGlobal(String name) {
        globalNames.add(name);
        return globalNames.size() - 1;
    }

    private void error(Span at, String message) {
        problems.add(new IonException.Problem(ErrorKind.PARSE, message, at.line(), at.column(), at.length()));
    }

    private void typeError(Span at, String message) {
        problems.add(new IonException.Problem(ErrorKind.TYPE, message, at.line(), at.column(), at.length()));
    }

    private void nameError(Span at, String message) {
        problems.add(new IonException.Problem(ErrorKind.NAME, message, at.line(), at.column(), at.length()));
    }

    // ============================ statements ============================

    private void compileBlockContents(Block block, boolean topLevelScope) {
        List<Stmt> stmts = block.stmts();
        for (Stmt s : stmts) {
            compileStmt(s, topLevelScope);
        }
        if (block.tail() != null) {
            compileExpr(block.tail());
        } else {
            fs.position = block.span();
            fs.emit(Opcodes.UNIT);
        }
    }

    private void compileStmt(Stmt s, boolean topLevelScope) {
        fs.position = s.span();
        if (s instanceof ExprStmt e) {
            compileExpr(e.expr());
            fs.emit(Opcodes.POP);
        } else if (s instanceof Let l) {
            compileLet(l, topLevelScope);
        } else if (s instanceof FnDecl f) {
            if (!topLevelScope || fs != main) {
                Local slot = fs.declare(f.name(), false);
                fs.emit(Opcodes.CLOSURE, fs.protos.size());
                fs.protos.add(compileFunction(f.name(), f.params(), f.body(), Kind.NESTED, f.name(), f.span()));
                fs.emit(Opcodes.STORE, slot.slot);
            }
        } else if (s instanceof Assign a) {
            compileAssign(a);
        } else if (s instanceof Use u) {
            compileUse(u);
        }
    }

    private void compileLet(Let l, boolean topLevelScope) {
        compileExpr(l.value());
        if (l.type() != null) {
            fs.emit(Opcodes.TYPE_CHECK, fs.constant(typeConstant(l.type())));
        }
        boolean top = topLevelScope && fs == main;
        if (l.pattern() instanceof BindPat b) {
            bindNew(b.name(), b.mutable(), top);
            return;
        }
        int tmp = fs.newSlot("<let>");
        fs.emit(Opcodes.STORE, tmp);
        List<Integer> fails = new ArrayList<>();
        matchPattern(l.pattern(), tmp, fails, top);
        if (!fails.isEmpty()) {
            int ok = fs.emitJump(Opcodes.JUMP);
            for (int f : fails) fs.patchJump(f);
            fs.emit(Opcodes.MATCH_FAIL, fs.stringConstant("pattern match failed in binding"));
            fs.patchJump(ok);
        }
    }

    /** While matching later alternatives of an or-pattern: the bindings made by the first one. */
    private Map<String, Local> rebind;

    /** Pops the top of stack into a fresh binding. */
    private void bindNew(String name, boolean mutable, boolean top) {
        if (rebind != null && rebind.containsKey(name)) {
            Local l = rebind.get(name);
            if (l.global) fs.emit(Opcodes.STORE_GLOBAL, l.slot);
            else fs.emit(Opcodes.STORE, l.slot);
            return;
        }
        if (top && globalized.contains(name)) {
            int g = newGlobal(name);
            fs.emit(Opcodes.STORE_GLOBAL, g);
            topLevel.add(fs.declareAt(name, g, mutable, true));
        } else {
            Local l = fs.declare(name, mutable);
            fs.emit(Opcodes.STORE, l.slot);
            if (top) topLevel.add(l);
        }
    }

    private void compileUse(Use u) {
        Value module = resolvePath(u.path(), u.span());
        if (module == null) {
            fs.adjustStack(-1); // the UNDEFINED emitted raises: a statement leaves nothing
            return;
        }
        if (u.glob()) {
            if (module instanceof ModuleValue m) {
                for (Map.Entry<String, Value> e : m.members().entrySet()) fs.declareConstant(e.getKey(), e.getValue());
            } else {
                error(u.span(), "cannot glob-import from " + String.join("::", u.path()) + " (not a module)");
            }
            return;
        }
        for (UseItem item : u.items()) {
            Value member = module instanceof ModuleValue m ? m.member(item.name()) : null;
            if (member == null) {
                nameError(item.span(), "module '" + String.join("::", u.path()) + "' has no member '" + item.name() + "'");
                continue;
            }
            fs.declareConstant(item.alias() != null ? item.alias() : item.name(), member);
        }
    }

    /**
     * Resolves a module path at compile time. For an unavailable module, emits an UNDEFINED that
     * raises when it runs (tracked as the value it would push) and returns null.
     */
    private Value resolvePath(List<String> path, Span at) {
        Value v = lookupName(path.get(0));
        if (!(v instanceof ModuleValue)) {
            Value m = env.module(path.get(0));
            if (m != null) v = m;
        }
        if (v == null) {
            String why = env.unavailable(path.get(0));
            fs.emit(Opcodes.UNDEFINED, fs.stringConstant(""), fs.stringConstant(why != null ? why : "undefined module '" + path.get(0) + "'"));
            return null;
        }
        for (int i = 1; i < path.size(); i++) {
            Value next = v instanceof ModuleValue m ? m.member(path.get(i)) : null;
            if (next == null) {
                String owner = String.join("::", path.subList(0, i));
                fs.emit(Opcodes.UNDEFINED, fs.stringConstant(""), fs.stringConstant(
                        HostTypes.enumVariants(v) != null ? "enum " + owner + " has no variant '" + path.get(i) + "'"
                                : "module '" + owner + "' has no member '" + path.get(i) + "'"));
                return null;
            }
            v = next;
        }
        return v;
    }

    /** Marks a name bound at run time (its value is not known while compiling). */
    private static final Object RUNTIME_BINDING = new Object();

    /**
     * The compile-time value of {@code name} as seen from here, without side effects: a {@code use}
     * constant or an environment value; {@link #RUNTIME_BINDING} when a runtime binding shadows it; null when
     * the name is unknown.
     */
    private Object staticLookup(String name) {
        for (FunctionState f = fs; f != null; f = f.parent) {
            Local l = f.findLocal(name);
            if (l != null) return l.constant != null ? l.constant : RUNTIME_BINDING;
            if (name.equals(f.selfName)) return RUNTIME_BINDING;
        }
        Local later = laterTopLevel(name);
        if (later != null) return later.constant != null ? later.constant : RUNTIME_BINDING;
        return env.lookup(name);
    }

    /** The compile-time value of a module path such as {@code Shape::Empty}, or null. */
    private Value staticPath(List<String> path) {
        Object head = staticLookup(path.get(0));
        Value v = head instanceof ModuleValue m ? m : null;
        if (v == null && head != RUNTIME_BINDING) v = env.module(path.get(0));
        for (int i = 1; i < path.size() && v != null; i++) v = v instanceof ModuleValue m ? m.member(path.get(i)) : null;
        return v;
    }

    /**
     * {@code Name { f: v, … }}: checks the fields against the registered struct type, then calls a constructor
     * that takes the values in the order written (so they are evaluated in source order).
     */
    private void compileStructLit(StructLit s) {
        Object v = staticLookup(s.name());
        HostTypes.StructType type = v instanceof Value x ? HostTypes.structType(x) : null;
        if (type == null) {
            if (v == null) {
                fs.emit(Opcodes.UNDEFINED, fs.stringConstant(""), fs.stringConstant("undefined struct type '" + s.name() + "'"));
            } else {
                typeError(s.span(), "'" + s.name() + "' is not a struct type");
                fs.adjustStack(1);
            }
            return;
        }
        List<String> written = new ArrayList<>();
        boolean ok = true;
        for (FieldInit f : s.fields()) {
            if (!type.fields().contains(f.name())) {
                typeError(f.span(), "struct " + s.name() + " has no field '" + f.name() + "'");
                ok = false;
            } else if (written.contains(f.name())) {
                typeError(f.span(), "field '" + f.name() + "' is given twice in the " + s.name() + " literal");
                ok = false;
            } else {
                written.add(f.name());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String f : type.fields()) if (!written.contains(f)) missing.add("'" + f + "'");
        if (ok && !missing.isEmpty()) {
            typeError(s.span(), "missing field" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + " in the " + s.name() + " literal");
            ok = false;
        }
        if (!ok) {
            fs.adjustStack(1);
            return;
        }
        fs.emit(Opcodes.CONST, fs.constant(type.literal(written)));
        for (FieldInit f : s.fields()) compileExpr(f.value());
        fs.position = s.span();
        fs.emit(Opcodes.CALL, s.fields().size());
    }

    /** Compile-time checks of a struct pattern against the registered type, when there is one. */
    private void checkStructPattern(StructPat p) {
        Object v = staticLookup(p.name());
        if (v == null) return; // not registered: the pattern just tests the type name
        HostTypes.StructType type = v instanceof Value x ? HostTypes.structType(x) : null;
        if (type == null) {
            typeError(p.span(), "'" + p.name() + "' is not a struct type");
            return;
        }
        for (FieldPat f : p.fields()) {
            if (!type.fields().contains(f.name())) typeError(f.span(), "struct " + p.name() + " has no field '" + f.name() + "'");
        }
    }

    /** Compile-time checks of an enum pattern against the registered enum, when there is one. */
    private void checkEnumPattern(EnumPat p) {
        if (p.enumName().contains("::")) return;
        Object v = staticLookup(p.enumName());
        if (v == null || v == RUNTIME_BINDING) v = env.module(p.enumName());
        Map<String, Integer> variants = v instanceof Value x ? HostTypes.enumVariants(x) : null;
        if (variants == null) return; // not a registered enum: the pattern just tests the names
        Integer arity = variants.get(p.variant());
        String full = p.enumName() + "::" + p.variant();
        if (arity == null) {
            typeError(p.span(), "enum " + p.enumName() + " has no variant '" + p.variant() + "'");
        } else if (p.args() != null && p.args().size() != arity) {
            typeError(p.span(), arity == 0 ? full + " has no payload (write " + full + ")"
                    : full + " carries " + arity + (arity == 1 ? " value" : " values") + ", the pattern gives "
                    + p.args().size());
        }
    }

    /** A name bound by a {@code use} or the environment (not a runtime binding). */
    private Value lookupName(String name) {
        for (FunctionState f = fs; f != null; f = f.parent) {
            Local l = f.findLocal(name);
            if (l != null) return l.constant;
        }
        return env.lookup(name);
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
            error(a.span(), "invalid assignment target");
            return;
        }
        Resolved r = resolve(root.name());
        if (r == null || r.kind == Resolved.CONSTANT) {
            nameError(root.span(), r == null ? "undefined variable '" + root.name() + "'"
                    : "cannot assign to immutable variable '" + root.name() + "'");
            return;
        }
        if (r.kind == Resolved.CAPTURE || r.kind == Resolved.SELF) {
            nameError(root.span(), "cannot assign to captured variable '" + root.name()
                    + "' (closures capture by value; share state through cell())");
            return;
        }
        if (!r.mutable) {
            nameError(root.span(), "cannot assign to immutable variable '" + root.name() + "'");
            return;
        }
        if (chain.isEmpty() && r.kind == Resolved.LOCAL && "+".equals(a.op()) && smallInt(a.value())) {
            fs.position = a.span();
            fs.emit(Opcodes.ADD_INT, r.index, (int) ((IntLit) a.value()).value());
            return;
        }
        if (chain.isEmpty()) {
            if (a.op() == null) {
                compileExpr(a.value());
            } else {
                load(r);
                compileExpr(a.value());
                fs.position = a.span();
                fs.emit(binaryOp(a.op()));
            }
            store(r);
            return;
        }
        // containers[k] holds the value at depth k; keys[k] the index/field used to go one deeper.
        int n = chain.size();
        int[] containers = new int[n];
        int[] keys = new int[n];
        load(r);
        for (int k = 0; k < n; k++) {
            containers[k] = fs.newSlot("<assign>");
            fs.emit(Opcodes.STORE, containers[k]);
            Expr acc = chain.get(k);
            if (acc instanceof Index ix) {
                keys[k] = fs.newSlot("<key>");
                compileExpr(ix.index());
                fs.emit(Opcodes.STORE, keys[k]);
                if (k < n - 1 || a.op() != null) {
                    fs.emit(Opcodes.LOAD, containers[k]);
                    fs.emit(Opcodes.LOAD, keys[k]);
                    fs.position = acc.span();
                    fs.emit(Opcodes.INDEX);
                }
            } else {
                keys[k] = -1;
                if (k < n - 1 || a.op() != null) {
                    fs.emit(Opcodes.LOAD, containers[k]);
                    fs.position = acc.span();
                    fs.emit(Opcodes.FIELD, fs.stringConstant(((Field) acc).name()));
                }
            }
        }
        // stack: current value at the deepest position (only when op != null)
        compileExpr(a.value());
        if (a.op() != null) {
            fs.position = a.span();
            fs.emit(binaryOp(a.op()));
        }
        for (int k = n - 1; k >= 0; k--) {
            int valueSlot = fs.newSlot("<value>");
            fs.emit(Opcodes.STORE, valueSlot);
            fs.emit(Opcodes.LOAD, containers[k]);
            fs.position = chain.get(k).span();
            if (keys[k] >= 0) {
                fs.emit(Opcodes.LOAD, keys[k]);
                fs.emit(Opcodes.LOAD, valueSlot);
                fs.emit(Opcodes.SET_INDEX);
            } else {
                fs.emit(Opcodes.LOAD, valueSlot);
                fs.emit(Opcodes.SET_FIELD, fs.stringConstant(((Field) chain.get(k)).name()));
            }
        }
        store(r);
    }

    private static int binaryOp(String op) {
        return switch (op) {
            case "+" -> Opcodes.ADD;
            case "-" -> Opcodes.SUB;
            case "*" -> Opcodes.MUL;
            case "/" -> Opcodes.DIV;
            case "%" -> Opcodes.MOD;
            case "==" -> Opcodes.EQ;
            case "!=" -> Opcodes.NE;
            case "<" -> Opcodes.LT;
            case "<=" -> Opcodes.LE;
            case ">" -> Opcodes.GT;
            case ">=" -> Opcodes.GE;
            case "&" -> Opcodes.BAND;
            case "|" -> Opcodes.BOR;
            case "^" -> Opcodes.BXOR;
            case "<<" -> Opcodes.SHL;
            case ">>" -> Opcodes.SHR;
            default -> throw new IllegalStateException("unknown operator " + op);
        };
    }

    // ============================ name resolution ============================

    /** Where a name lives, as seen from the function being compiled. */
    private record Resolved(int kind, int index, boolean mutable, Value constant) {
        static final int LOCAL = 0, CAPTURE = 1, GLOBAL = 2, SELF = 3, CONSTANT = 4;
    }

    private Resolved resolve(String name) {
        return resolveIn(fs, name);
    }

    private Resolved resolveIn(FunctionState f, String name) {
        Local l = f.findLocal(name);
        if (l != null) {
            if (l.constant != null) return new Resolved(Resolved.CONSTANT, -1, false, l.constant);
            return new Resolved(l.global ? Resolved.GLOBAL : Resolved.LOCAL, l.slot, l.mutable, null);
        }
        if (name.equals(f.selfName)) return new Resolved(Resolved.SELF, -1, false, null);
        int c = f.findCapture(name);
        if (c >= 0) return new Resolved(Resolved.CAPTURE, c, false, null);
        switch (f.kind) {
            case MAIN:
                return null;
            case TOP_FN: {
                Local top = main.findLocal(name);
                if (top == null) top = laterTopLevel(name);
                if (top == null) return null;
                if (top.constant != null) return new Resolved(Resolved.CONSTANT, -1, false, top.constant);
                if (!top.global) return null; // not reachable: every name used in a top-level fn is globalised
                return new Resolved(Resolved.GLOBAL, top.slot, top.mutable, null);
            }
            default: {
                Resolved outer = resolveIn(f.parent, name);
                if (outer == null) return null;
                if (outer.kind == Resolved.CONSTANT) return outer;
                int kind = switch (outer.kind) {
                    case Resolved.LOCAL -> Proto.FROM_LOCAL;
                    case Resolved.CAPTURE -> Proto.FROM_CAPTURE;
                    case Resolved.GLOBAL -> Proto.FROM_GLOBAL;
                    default -> 3; // the enclosing closure itself
                };
                int idx = f.addCapture(name, kind, outer.index);
                return new Resolved(Resolved.CAPTURE, idx, false, null);
            }
        }
    }

    private Local laterTopLevel(String name) {
        for (Local l : topLevel) if (l.name.equals(name)) return l;
        return null;
    }

    private void load(Resolved r) {
        switch (r.kind) {
            case Resolved.LOCAL -> fs.emit(Opcodes.LOAD, r.index);
            case Resolved.CAPTURE -> fs.emit(Opcodes.LOAD_CAPTURE, r.index);
            case Resolved.GLOBAL -> fs.emit(Opcodes.LOAD_GLOBAL, r.index, fs.stringConstant(globalNames.get(r.index)));
            case Resolved.SELF -> fs.emit(Opcodes.LOAD_SELF);
            default -> fs.emit(Opcodes.CONST, fs.constant(r.constant));
        }
    }

    /** Where {@code e} lives if it is a name, else null. */
    private Resolved resolveName(Expr e) {
        return e instanceof Ident id ? resolve(id.name()) : null;
    }

    /** The global slot of {@code e} if it names a hoisted top-level function, else -1. */
    private int hoistedFunction(Expr e) {
        Resolved r = resolveName(e);
        return r != null && r.kind == Resolved.GLOBAL && hoistedGlobals.get(r.index) ? r.index : -1;
    }

    /** Whether {@code e} is an integer literal that fits an instruction operand. */
    private static boolean smallInt(Expr e) {
        return e instanceof IntLit k && k.value() == (int) k.value();
    }

    /** The slot of {@code e} if it names a local of the current function, else -1. */
    private int localSlot(Expr e) {
        Resolved r = resolveName(e);
        return r != null && r.kind == Resolved.LOCAL ? r.index : -1;
    }

    private void store(Resolved r) {
        if (r.kind == Resolved.GLOBAL) fs.emit(Opcodes.STORE_GLOBAL, r.index);
        else fs.emit(Opcodes.STORE, r.index);
    }

    private void compileIdent(Ident id) {
        Resolved r = resolve(id.name());
        if (r != null) {
            load(r);
            return;
        }
        Value v = env.lookup(id.name());
        if (v != null) {
            fs.emit(Opcodes.CONST, fs.constant(v));
            return;
        }
        String why = env.unavailable(id.name());
        fs.emit(Opcodes.UNDEFINED, fs.stringConstant(why != null ? "" : id.name()), fs.stringConstant(why != null ? why : "undefined variable '" + id.name() + "'"));
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

    // ============================ functions ============================

    private Proto compileFunction(String name, List<Param> params, Expr body, Kind kind, String selfName, Span span) {
        FunctionState saved = fs;
        FunctionState f = new FunctionState(saved, kind, name, selfName);
        fs = f;
        f.position = span;
        int positionalOnly = 0;
        int keywordOnlyFrom = -1;
        boolean hasRest = false;
        boolean hasKwargs = false;
        List<String> names = new ArrayList<>();
        List<Boolean> defaults = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Param p : params) {
            if (!seen.add(p.name())) error(p.span(), "duplicate parameter '" + p.name() + "'");
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
                compileExpr(p.defaultValue());
                f.emit(Opcodes.STORE, slot);
                f.patchJump(offsetOperand);
            }
            slot++;
        }
        int n = names.size();
        compileReturning(body);
        boolean[] hasDefault = new boolean[n];
        for (int i = 0; i < n; i++) hasDefault[i] = defaults.get(i);
        Proto proto = f.finish(new ParamSpec(names.toArray(new String[0]), hasDefault, positionalOnly, keywordOnlyFrom,
                hasRest, hasKwargs));
        fs = saved;
        return proto;
    }

    private void compileClosure(String name, List<Param> params, Expr body, Span span) {
        Proto p = compileFunction(name, params, body, Kind.NESTED, null, span);
        fs.position = span;
        fs.emit(Opcodes.CLOSURE, fs.protos.size());
        fs.protos.add(p);
    }

    // ============================ expressions ============================

    private void compileExpr(Expr e) {
        Span saved = fs.position;
        fs.position = e.span();
        compileExprInner(e);
        fs.position = saved;
    }

    private void compileExprInner(Expr e) {
        if (e instanceof IntLit i) {
            fs.emit(Opcodes.CONST, fs.constant(IntValue.of(i.value())));
        } else if (e instanceof FloatLit f) {
            fs.emit(Opcodes.CONST, fs.constant(FloatValue.of(f.value())));
        } else if (e instanceof StrLit s) {
            fs.emit(Opcodes.CONST, fs.constant(StrValue.of(s.value())));
        } else if (e instanceof BytesLit b) {
            fs.emit(Opcodes.CONST, fs.constant(BytesValue.of(b.value().clone())));
        } else if (e instanceof BoolLit b) {
            fs.emit(b.value() ? Opcodes.TRUE : Opcodes.FALSE);
        } else if (e instanceof NoneLit) {
            fs.emit(Opcodes.NONE);
        } else if (e instanceof UnitLit) {
            fs.emit(Opcodes.UNIT);
        } else if (e instanceof Ident id) {
            compileIdent(id);
        } else if (e instanceof Path p) {
            Value v = resolvePath(p.segments(), p.span());
            if (v != null) fs.emit(Opcodes.CONST, fs.constant(v));
        } else if (e instanceof FString f) {
            compileFString(f);
        } else if (e instanceof Wrap w) {
            compileExpr(w.value());
            fs.emit(Opcodes.WRAP, wrapKind(w.ctor()));
        } else if (e instanceof ListLit l) {
            compileSequence(l.items());
        } else if (e instanceof TupleLit t) {
            if (t.items().stream().anyMatch(x -> x instanceof Spread)) {
                compileSequence(t.items());
                fs.emit(Opcodes.LIST_TO_TUPLE);
            } else {
                for (Expr x : t.items()) compileExpr(x);
                fs.emit(Opcodes.MAKE_TUPLE, t.items().size());
            }
        } else if (e instanceof DictLit d) {
            compileDict(d);
        } else if (e instanceof ListComp c) {
            compileListComp(c);
        } else if (e instanceof DictComp c) {
            compileDictComp(c);
        } else if (e instanceof Unary u) {
            compileUnary(u);
        } else if (e instanceof Binary b && (b.op().equals("+") || b.op().equals("-")) && smallInt(b.right())) {
            boolean add = b.op().equals("+");
            int n = (int) ((IntLit) b.right()).value();
            int local = localSlot(b.left());
            if (local >= 0) {
                fs.position = b.span();
                fs.emit(add ? Opcodes.LOAD_ADD_CONST : Opcodes.LOAD_SUB_CONST, local, n);
            } else {
                compileExpr(b.left());
                fs.position = b.span();
                fs.emit(add ? Opcodes.ADD_CONST : Opcodes.SUB_CONST, n);
            }
        } else if (e instanceof Binary b) {
            compileExpr(b.left());
            compileExpr(b.right());
            fs.position = b.span();
            fs.emit(binaryOp(b.op()));
        } else if (e instanceof Logical l) {
            compileLogical(l);
        } else if (e instanceof Range r) {
            if (r.start() == null || r.end() == null) {
                error(r.span(), "a range needs both bounds outside of indexing");
                fs.adjustStack(1);
                return;
            }
            compileExpr(r.start());
            compileExpr(r.end());
            fs.position = r.span();
            fs.emit(Opcodes.RANGE, r.inclusive() ? 1 : 0);
        } else if (e instanceof Pipe p) {
            compilePipe(p);
        } else if (e instanceof StructLit s) {
            compileStructLit(s);
        } else if (e instanceof Call c) {
            if (c.callee() instanceof Path p && staticPath(p.segments()) instanceof EnumValue ev) {
                String full = ev.enumName() + "::" + ev.variant();
                typeError(c.span(), full + " has no payload and cannot be called (write " + full + ")");
            }
            int hoistedFn = hoistedFunction(c.callee());
            if (hoistedFn >= 0 && c.args().stream().allMatch(a -> a.kind() == ArgKind.POSITIONAL)) {
                // the callee cannot be unset or change, so it need not be pushed before the arguments
                for (Arg a : c.args()) compileExpr(a.value());
                fs.position = c.span();
                fs.emit(Opcodes.CALL_GLOBAL, hoistedFn, c.args().size());
            } else {
                compileExpr(c.callee());
                compileArgs(c.args(), c.span());
            }
        } else if (e instanceof MethodCall m) {
            compileMethodCall(m);
        } else if (e instanceof Field f) {
            compileExpr(f.receiver());
            fs.position = f.span();
            fs.emit(Opcodes.FIELD, fs.stringConstant(f.name()));
        } else if (e instanceof Index i) {
            compileIndex(i);
        } else if (e instanceof Question q) {
            compileExpr(q.value());
            fs.position = q.span();
            if (fs.nurseryDepth == 0) {
                fs.emit(Opcodes.QUESTION);
            } else {
                // an early return from inside async blocks first joins their children
                int fail = fs.emitJump(Opcodes.QUESTION_JUMP);
                int ok = fs.emitJump(Opcodes.JUMP);
                fs.patchJump(fail);
                emitReturn();
                fs.patchJump(ok);
            }
        } else if (e instanceof Await a) {
            compileExpr(a.task());
            fs.position = a.span();
            fs.emit(Opcodes.AWAIT);
        } else if (e instanceof Block b) {
            fs.beginScope();
            compileBlockContents(b, false);
            fs.endScope();
        } else if (e instanceof If i) {
            compileIf(i);
        } else if (e instanceof IfLet i) {
            compileIfLet(i);
        } else if (e instanceof Match m) {
            compileMatch(m);
        } else if (e instanceof Loop l) {
            compileLoop(l);
        } else if (e instanceof While w) {
            compileWhile(w);
        } else if (e instanceof WhileLet w) {
            compileWhileLet(w);
        } else if (e instanceof For f) {
            compileFor(f);
        } else if (e instanceof Break b) {
            compileBreak(b);
        } else if (e instanceof Continue c) {
            compileContinue(c);
        } else if (e instanceof Return r) {
            compileReturn(r);
        } else if (e instanceof Lambda l) {
            compileClosure("<lambda>", l.params(), l.body(), l.span());
        } else if (e instanceof TryCatch t) {
            compileTry(t);
        } else if (e instanceof Async a) {
            fs.emit(Opcodes.NURSERY_BEGIN);
            fs.nurseryDepth++;
            fs.nurseryHandlerDepths.add(fs.handlerDepth);
            compileExpr(a.body());
            fs.nurseryHandlerDepths.remove(fs.nurseryHandlerDepths.size() - 1);
            fs.nurseryDepth--;
            fs.position = a.span();
            fs.emit(Opcodes.NURSERY_END);
        } else if (e instanceof Spawn s) {
            compileClosure("<spawn>", List.of(), s.value(), s.span());
            fs.position = s.span();
            fs.emit(Opcodes.SPAWN);
        } else if (e instanceof Select s) {
            compileSelect(s);
        } else if (e instanceof Spread s) {
            error(s.span(), "'...' is only allowed inside list, tuple and dict literals");
            fs.adjustStack(1);
        } else {
            error(e.span(), "unsupported expression");
            fs.adjustStack(1);
        }
    }

    private static int wrapKind(String ctor) {
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
            if (!(part instanceof StrLit)) fs.emit(Opcodes.TO_STR);
            n++;
        }
        if (n == 0) {
            fs.emit(Opcodes.CONST, fs.stringConstant(""));
        } else if (n > 1) {
            fs.position = f.span();
            fs.emit(Opcodes.CONCAT, n);
        }
    }

    private static final int INLINE_LIMIT = 32;

    /** Compiles list items (with spreads) to one list on the stack. */
    private void compileSequence(List<Expr> items) {
        boolean spreads = items.stream().anyMatch(x -> x instanceof Spread);
        if (!spreads && items.size() <= INLINE_LIMIT) {
            for (Expr x : items) compileExpr(x);
            fs.emit(Opcodes.MAKE_LIST, items.size());
            return;
        }
        fs.emit(Opcodes.MAKE_LIST, 0);
        for (Expr x : items) {
            if (x instanceof Spread s) {
                compileExpr(s.value());
                fs.position = s.span();
                fs.emit(Opcodes.LIST_EXTEND);
            } else {
                compileExpr(x);
                fs.emit(Opcodes.LIST_APPEND);
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
            fs.emit(Opcodes.MAKE_DICT, d.entries().size());
            return;
        }
        fs.emit(Opcodes.MAKE_DICT, 0);
        for (DictEntry en : d.entries()) {
            if (en.key() == null) {
                compileExpr(en.value());
                fs.position = en.span();
                fs.emit(Opcodes.DICT_SPREAD);
            } else {
                compileExpr(en.key());
                compileExpr(en.value());
                fs.position = en.span();
                fs.emit(Opcodes.DICT_INSERT);
            }
        }
    }

    private void compileListComp(ListComp c) {
        int acc = fs.newSlot("<comp>");
        fs.emit(Opcodes.MAKE_LIST, 0);
        fs.emit(Opcodes.STORE, acc);
        compileClauses(c.clauses(), 0, () -> {
            fs.emit(Opcodes.LOAD, acc);
            compileExpr(c.element());
            fs.emit(Opcodes.LIST_APPEND);
            fs.emit(Opcodes.STORE, acc);
        });
        fs.emit(Opcodes.LOAD, acc);
    }

    private void compileDictComp(DictComp c) {
        int acc = fs.newSlot("<comp>");
        fs.emit(Opcodes.MAKE_DICT, 0);
        fs.emit(Opcodes.STORE, acc);
        compileClauses(c.clauses(), 0, () -> {
            fs.emit(Opcodes.LOAD, acc);
            compileExpr(c.key());
            compileExpr(c.value());
            fs.emit(Opcodes.DICT_INSERT);
            fs.emit(Opcodes.STORE, acc);
        });
        fs.emit(Opcodes.LOAD, acc);
    }

    private void compileClauses(List<CompClause> clauses, int i, Runnable body) {
        if (i == clauses.size()) {
            body.run();
            return;
        }
        CompClause c = clauses.get(i);
        fs.beginScope();
        compileExpr(c.iterable());
        fs.position = c.span();
        fs.emit(Opcodes.ITER);
        int iter = fs.newSlot("<iter>");
        fs.emit(Opcodes.STORE, iter);
        int top = fs.here();
        int exit = emitIterNext(iter);
        int value = fs.newSlot("<item>");
        fs.emit(Opcodes.STORE, value);
        fs.beginScope();
        List<Integer> fails = new ArrayList<>();
        matchPattern(c.pattern(), value, fails, false);
        raiseOnFail(fails, "pattern match failed in for loop");
        if (c.condition() != null) {
            compileExpr(c.condition());
            int skip = fs.emitJump(Opcodes.JUMP_IF_FALSE);
            compileClauses(clauses, i + 1, body);
            fs.patchJump(skip);
        } else {
            compileClauses(clauses, i + 1, body);
        }
        fs.endScope();
        fs.emitLoop(top);
        fs.patchJump(exit);
        fs.endScope();
    }

    private int emitIterNext(int iterSlot) {
        return fs.emitJump(Opcodes.ITER_NEXT, iterSlot);
    }

    private void raiseOnFail(List<Integer> fails, String message) {
        if (fails.isEmpty()) return;
        int ok = fs.emitJump(Opcodes.JUMP);
        for (int f : fails) fs.patchJump(f);
        fs.emit(Opcodes.MATCH_FAIL, fs.stringConstant(message));
        fs.patchJump(ok);
    }

    private void compileUnary(Unary u) {
        if (u.op().equals("-") && u.operand() instanceof IntLit i) {
            fs.emit(Opcodes.CONST, fs.constant(IntValue.of(-i.value())));
            return;
        }
        if (u.op().equals("-") && u.operand() instanceof FloatLit f) {
            fs.emit(Opcodes.CONST, fs.constant(FloatValue.of(-f.value())));
            return;
        }
        compileExpr(u.operand());
        fs.position = u.span();
        fs.emit(u.op().equals("-") ? Opcodes.NEG : Opcodes.NOT);
    }

    private void compileLogical(Logical l) {
        compileExpr(l.left());
        int shortCircuit = fs.emitJump(l.and() ? Opcodes.JUMP_IF_FALSE : Opcodes.JUMP_IF_TRUE);
        compileExpr(l.right());
        fs.emit(Opcodes.TO_BOOL);
        int end = fs.emitJump(Opcodes.JUMP);
        fs.adjustStack(-1);
        fs.patchJump(shortCircuit);
        fs.emit(l.and() ? Opcodes.FALSE : Opcodes.TRUE);
        fs.patchJump(end);
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
            fs.position = p.span();
            fs.emit(Opcodes.CALL, 1);
        }
    }

    /** With the callee on the stack, compiles the arguments and the call. */
    private void compileArgs(List<Arg> args, Span span) {
        boolean simple = args.stream().allMatch(a -> a.kind() == ArgKind.POSITIONAL);
        if (simple) {
            for (Arg a : args) compileExpr(a.value());
            fs.position = span;
            fs.emit(Opcodes.CALL, args.size());
            return;
        }
        fs.emit(Opcodes.MAKE_LIST, 0);
        for (Arg a : args) {
            if (a.kind() == ArgKind.POSITIONAL) {
                compileExpr(a.value());
                fs.emit(Opcodes.LIST_APPEND);
            } else if (a.kind() == ArgKind.SPREAD) {
                compileExpr(a.value());
                fs.position = a.span();
                fs.emit(Opcodes.LIST_EXTEND);
            }
        }
        fs.emit(Opcodes.MAKE_DICT, 0);
        Set<String> names = new HashSet<>();
        for (Arg a : args) {
            if (a.kind() == ArgKind.KEYWORD) {
                if (!names.add(a.name())) error(a.span(), "duplicate keyword argument '" + a.name() + "'");
                fs.emit(Opcodes.CONST, fs.stringConstant(a.name()));
                compileExpr(a.value());
                fs.position = a.span();
                fs.emit(Opcodes.DICT_INSERT);
            } else if (a.kind() == ArgKind.SPREAD_DICT) {
                compileExpr(a.value());
                fs.position = a.span();
                fs.emit(Opcodes.DICT_SPREAD);
            }
        }
        fs.position = span;
        fs.emit(Opcodes.CALL_EX);
    }

    private void compileMethodCall(MethodCall m) {
        compileExpr(m.receiver());
        boolean spread = false;
        for (Arg a : m.args()) {
            if (a.kind() == ArgKind.KEYWORD || a.kind() == ArgKind.SPREAD_DICT) {
                error(a.span(), "method calls take positional arguments only");
            }
            spread |= a.kind() == ArgKind.SPREAD;
        }
        int name = fs.stringConstant(m.name());
        if (!spread) {
            for (Arg a : m.args()) compileExpr(a.value());
            fs.position = m.span();
            fs.emit(Opcodes.CALL_METHOD, name, m.args().size());
            return;
        }
        fs.emit(Opcodes.MAKE_LIST, 0);
        for (Arg a : m.args()) {
            compileExpr(a.value());
            fs.emit(a.kind() == ArgKind.SPREAD ? Opcodes.LIST_EXTEND : Opcodes.LIST_APPEND);
        }
        fs.position = m.span();
        fs.emit(Opcodes.CALL_METHOD_EX, name);
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
            fs.position = i.span();
            fs.emit(Opcodes.SLICE, flags);
            return;
        }
        compileExpr(i.index());
        fs.position = i.span();
        fs.emit(Opcodes.INDEX);
    }

    /** Compiles a loop body for its effects only: no unit value pushed and popped. */
    private void compileDiscarding(Block body) {
        Span saved = fs.position;
        fs.position = body.span();
        fs.beginScope();
        for (Stmt st : body.stmts()) compileStmt(st, false);
        if (body.tail() != null) {
            compileExpr(body.tail());
            fs.emit(Opcodes.POP);
        }
        fs.endScope();
        fs.position = saved;
    }

    /** Compiles {@code condition} and a jump taken when it is false; returns the jump's operand index. */
    private int compileJumpUnless(Expr condition) {
        if (condition instanceof Binary b && comparison(b.op()) >= 0 && smallInt(b.right())) {
            int local = localSlot(b.left());
            if (local >= 0) {
                fs.position = b.span();
                return fs.emitJump(Opcodes.JUMP_UNLESS_LOCAL, comparison(b.op()), local, (int) ((IntLit) b.right()).value());
            }
        }
        if (condition instanceof Binary b && comparison(b.op()) >= 0) {
            compileExpr(b.left());
            compileExpr(b.right());
            fs.position = b.span();
            return fs.emitJump(Opcodes.JUMP_UNLESS, comparison(b.op()));
        }
        compileExpr(condition);
        return fs.emitJump(Opcodes.JUMP_IF_FALSE);
    }

    private static int comparison(String op) {
        return switch (op) {
            case "<" -> 0;
            case "<=" -> 1;
            case ">" -> 2;
            case ">=" -> 3;
            default -> -1;
        };
    }

    /**
     * Compiles {@code e} and returns its value from the function. The branches of a
     * trailing {@code if} each return directly rather than jump to a shared RETURN.
     */
    private void compileReturning(Expr e) {
        if (e instanceof Block b && b.tail() != null) {
            fs.beginScope();
            for (Stmt st : b.stmts()) compileStmt(st, false);
            compileReturning(b.tail());
            fs.endScope();
        } else if (e instanceof If i && i.otherwise() != null) {
            int elseJump = compileJumpUnless(i.condition());
            compileReturning(i.then());
            fs.patchJump(elseJump);
            compileReturning(i.otherwise());
        } else {
            int local = localSlot(e);
            if (local >= 0) {
                fs.emit(Opcodes.RETURN_LOCAL, local);
            } else {
                compileExpr(e);
                fs.emit(Opcodes.RETURN);
            }
        }
    }

    private void compileIf(If i) {
        int elseJump = compileJumpUnless(i.condition());
        compileExpr(i.then());
        int end = fs.emitJump(Opcodes.JUMP);
        fs.adjustStack(-1);
        fs.patchJump(elseJump);
        if (i.otherwise() != null) compileExpr(i.otherwise());
        else fs.emit(Opcodes.UNIT);
        fs.patchJump(end);
    }

    private void compileIfLet(IfLet i) {
        fs.beginScope();
        compileExpr(i.value());
        int tmp = fs.newSlot("<if-let>");
        fs.emit(Opcodes.STORE, tmp);
        List<Integer> fails = new ArrayList<>();
        matchPattern(i.pattern(), tmp, fails, false);
        compileExpr(i.then());
        fs.endScope();
        int end = fs.emitJump(Opcodes.JUMP);
        fs.adjustStack(-1);
        for (int f : fails) fs.patchJump(f);
        if (i.otherwise() != null) compileExpr(i.otherwise());
        else fs.emit(Opcodes.UNIT);
        fs.patchJump(end);
    }

    private void compileMatch(Match m) {
        compileExpr(m.subject());
        int subject = fs.newSlot("<match>");
        fs.emit(Opcodes.STORE, subject);
        List<Integer> ends = new ArrayList<>();
        for (MatchArm arm : m.arms()) {
            fs.beginScope();
            List<Integer> fails = new ArrayList<>();
            fs.position = arm.span();
            matchPattern(arm.pattern(), subject, fails, false);
            if (arm.guard() != null) {
                compileExpr(arm.guard());
                fails.add(fs.emitJump(Opcodes.JUMP_IF_FALSE));
            }
            compileExpr(arm.body());
            fs.endScope();
            ends.add(fs.emitJump(Opcodes.JUMP));
            fs.adjustStack(-1);
            for (int f : fails) fs.patchJump(f);
        }
        fs.position = m.span();
        fs.emit(Opcodes.MATCH_FAIL, fs.stringConstant("non-exhaustive match"));
        fs.adjustStack(1); // it raises; the arms arrive with the match's value
        for (int e : ends) fs.patchJump(e);
    }

    private LoopContext pushLoop(String label) {
        LoopContext ctx = new LoopContext(label, fs.stackDepth, fs.handlerDepth, fs.nurseryDepth);
        fs.loops.add(ctx);
        return ctx;
    }

    /** Ends a loop: normal exit pushes (), breaks arrive with their value pushed. */
    private void popLoop(LoopContext ctx, int continueTarget) {
        for (int c : ctx.continueJumps) {
            fs.code.set(c, continueTarget - (c + 1));
        }
        fs.loops.remove(fs.loops.size() - 1);
    }

    private void finishLoopExit(LoopContext ctx, List<Integer> normalExits) {
        for (int x : normalExits) fs.patchJump(x);
        fs.emit(Opcodes.UNIT);
        for (int b : ctx.breakJumps) fs.patchJump(b);
    }

    private void compileLoop(Loop l) {
        LoopContext ctx = pushLoop(l.label());
        int top = fs.here();
        compileDiscarding(l.body());
        fs.emitLoop(top);
        popLoop(ctx, top);
        for (int b : ctx.breakJumps) fs.patchJump(b);
        fs.adjustStack(1);
    }

    private void compileWhile(While w) {
        LoopContext ctx = pushLoop(w.label());
        int top = fs.here();
        int exit = compileJumpUnless(w.condition());
        compileDiscarding(w.body());
        fs.emitLoop(top);
        popLoop(ctx, top);
        finishLoopExit(ctx, List.of(exit));
    }

    private void compileWhileLet(WhileLet w) {
        LoopContext ctx = pushLoop(w.label());
        int top = fs.here();
        fs.beginScope();
        compileExpr(w.value());
        int tmp = fs.newSlot("<while-let>");
        fs.emit(Opcodes.STORE, tmp);
        List<Integer> fails = new ArrayList<>();
        matchPattern(w.pattern(), tmp, fails, false);
        compileDiscarding(w.body());
        fs.endScope();
        fs.emitLoop(top);
        popLoop(ctx, top);
        finishLoopExit(ctx, fails);
    }

    private void compileFor(For f) {
        fs.beginScope();
        compileExpr(f.iterable());
        fs.position = f.span();
        fs.emit(Opcodes.ITER);
        int iter = fs.newSlot("<iter>");
        fs.emit(Opcodes.STORE, iter);
        LoopContext ctx = pushLoop(f.label());
        int top = fs.here();
        int exit = emitIterNext(iter);
        fs.beginScope();
        if (f.pattern() instanceof BindPat b) {
            Local l = fs.declare(b.name(), b.mutable());
            fs.emit(Opcodes.STORE, l.slot);
        } else {
            int value = fs.newSlot("<item>");
            fs.emit(Opcodes.STORE, value);
            List<Integer> fails = new ArrayList<>();
            matchPattern(f.pattern(), value, fails, false);
            raiseOnFail(fails, "pattern match failed in for loop");
        }
        compileDiscarding(f.body());
        fs.endScope();
        fs.emitLoop(top);
        popLoop(ctx, top);
        fs.adjustStack(-1); // ITER_NEXT's value is not pushed on exit
        finishLoopExit(ctx, List.of(exit));
        fs.endScope();
    }

    private void leaveTo(LoopContext ctx) {
        leaveTo(ctx, fs.handlerDepth);
    }

    /** Removes the handlers above the loop's (from {@code handlerDepth}) and the stack values above its depth. */
    private void leaveTo(LoopContext ctx, int handlerDepth) {
        int extra = fs.stackDepth - ctx.stackDepth;
        for (int h = handlerDepth; h > ctx.handlerDepth; h--) fs.emit(Opcodes.TRY_END);
        if (extra > 0) fs.emit(Opcodes.POPN, extra);
    }

    /**
     * Before a jump out of async blocks down to nursery depth {@code depth}: closes each one
     * left, innermost first, joining its children (with the try handlers opened inside it
     * removed first). The value on top of the stack passes through. Returns the handler
     * depth reached.
     */
    private int closeNurseries(int depth) {
        int handlers = fs.handlerDepth;
        for (int n = fs.nurseryDepth; n > depth; n--) {
            int atOpen = fs.nurseryHandlerDepths.get(n - 1);
            for (; handlers > atOpen; handlers--) fs.emit(Opcodes.TRY_END);
            fs.emit(Opcodes.NURSERY_END);
        }
        return handlers;
    }

    /** A break or continue out of async blocks: closes them, then leaves with the value on top. */
    private void leaveNurseriesTo(LoopContext ctx, Expr value, boolean keepValue) {
        if (value != null) compileExpr(value);
        else fs.emit(Opcodes.UNIT);
        int handlers = closeNurseries(ctx.nurseryDepth);
        int tmp = fs.newSlot("<leaving value>");
        fs.emit(Opcodes.STORE, tmp);
        leaveTo(ctx, handlers);
        if (keepValue) fs.emit(Opcodes.LOAD, tmp);
    }

    private void compileBreak(Break b) {
        LoopContext ctx = fs.findLoop(b.label());
        if (ctx == null) {
            error(b.span(), b.label() == null ? "'break' outside of a loop" : "unknown loop label '" + b.label() + "'");
            fs.adjustStack(1);
            return;
        }
        int depth = fs.stackDepth;
        if (ctx.nurseryDepth != fs.nurseryDepth) {
            fs.position = b.span();
            leaveNurseriesTo(ctx, b.value(), true);
        } else {
            leaveTo(ctx);
            if (b.value() != null) {
                int saved = fs.stackDepth;
                fs.stackDepth = ctx.stackDepth;
                compileExpr(b.value());
                fs.stackDepth = saved;
            } else {
                fs.emit(Opcodes.UNIT);
            }
        }
        ctx.breakJumps.add(fs.emitJump(Opcodes.JUMP));
        fs.stackDepth = depth + 1; // unreachable continuation; keep the expression's stack shape
        if (fs.stackDepth > fs.maxStack) fs.maxStack = fs.stackDepth;
    }

    private void compileContinue(Continue c) {
        int depth = fs.stackDepth;
        LoopContext ctx = fs.findLoop(c.label());
        if (ctx == null) {
            error(c.span(), c.label() == null ? "'continue' outside of a loop" : "unknown loop label '" + c.label() + "'");
            fs.adjustStack(1);
            return;
        }
        if (ctx.nurseryDepth != fs.nurseryDepth) {
            fs.position = c.span();
            leaveNurseriesTo(ctx, null, false);
        } else {
            leaveTo(ctx);
        }
        ctx.continueJumps.add(fs.emitJump(Opcodes.JUMP));
        fs.stackDepth = depth; // unreachable continuation; keep the expression's stack shape
        fs.adjustStack(1);
    }

    private void compileReturn(Return r) {
        if (r.value() != null) compileExpr(r.value());
        else fs.emit(Opcodes.UNIT);
        fs.position = r.span();
        emitReturn();
    }

    /** Returns the value on top of the stack from the function (or ends the script), closing the async blocks it is in. */
    private void emitReturn() {
        closeNurseries(0);
        fs.emit(fs.kind == Kind.MAIN ? Opcodes.HALT : Opcodes.RETURN);
        fs.adjustStack(1); // unreachable continuation; keep the expression's stack shape
    }

    private void compileTry(TryCatch t) {
        int handler = fs.emitJump(Opcodes.TRY_BEGIN);
        fs.handlerDepth++;
        compileExpr(t.body());
        fs.handlerDepth--;
        fs.emit(Opcodes.TRY_END);
        int end = fs.emitJump(Opcodes.JUMP);
        fs.patchJump(handler);
        // the VM arrives here with the error message pushed, at the stack depth of TRY_BEGIN
        fs.beginScope();
        if (t.binding() instanceof BindPat b) {
            Local l = fs.declare(b.name(), b.mutable());
            fs.emit(Opcodes.STORE, l.slot);
        } else {
            int tmp = fs.newSlot("<error>");
            fs.emit(Opcodes.STORE, tmp);
            if (t.binding() != null) {
                List<Integer> fails = new ArrayList<>();
                matchPattern(t.binding(), tmp, fails, false);
                raiseOnFail(fails, "pattern match failed in catch");
            }
        }
        compileExpr(t.handler());
        fs.endScope();
        fs.patchJump(end);
    }

    private void compileSelect(Select s) {
        for (SelectArm arm : s.arms()) {
            Expr source = arm.source() instanceof Spawn sp ? sp.value() : arm.source();
            compileClosure("<select>", List.of(), source, arm.span());
        }
        fs.position = s.span();
        fs.emit(Opcodes.SELECT, s.arms().size());
        int result = fs.newSlot("<select>");
        fs.emit(Opcodes.STORE, result);
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < s.arms().size(); i++) {
            SelectArm arm = s.arms().get(i);
            fs.emit(Opcodes.LOAD, result);
            fs.emit(Opcodes.GET_ITEM, 0);
            fs.emit(Opcodes.CONST, fs.constant(IntValue.of(i)));
            fs.emit(Opcodes.EQ);
            int next = fs.emitJump(Opcodes.JUMP_IF_FALSE);
            fs.beginScope();
            int value = fs.newSlot("<won>");
            fs.emit(Opcodes.LOAD, result);
            fs.emit(Opcodes.GET_ITEM, 1);
            fs.emit(Opcodes.STORE, value);
            List<Integer> fails = new ArrayList<>();
            matchPattern(arm.pattern(), value, fails, false);
            raiseOnFail(fails, "pattern match failed in select arm");
            compileExpr(arm.body());
            fs.endScope();
            ends.add(fs.emitJump(Opcodes.JUMP));
            fs.adjustStack(-1);
            fs.patchJump(next);
        }
        fs.emit(Opcodes.MATCH_FAIL, fs.stringConstant("non-exhaustive select"));
        fs.adjustStack(1); // it raises; the arms arrive with the select's value
        for (int e : ends) fs.patchJump(e);
    }

    // ============================ patterns ============================

    /**
     * Emits code testing the value in {@code slot} against {@code p}; each failing test
     * jumps to an offset recorded in {@code fails}. Bindings are declared in the current scope.
     */
    private void matchPattern(Pattern p, int slot, List<Integer> fails, boolean top) {
        fs.position = p.span();
        if (p instanceof WildcardPat) {
            return;
        }
        if (p instanceof BindPat b) {
            fs.emit(Opcodes.LOAD, slot);
            bindNew(b.name(), b.mutable(), top);
            return;
        }
        if (p instanceof LitPat l) {
            fs.emit(Opcodes.LOAD, slot);
            compileExpr(l.literal());
            fs.emit(Opcodes.TEST_EQ);
            fails.add(fs.emitJump(Opcodes.JUMP_IF_FALSE));
            return;
        }
        if (p instanceof NonePat) {
            fs.emit(Opcodes.LOAD, slot);
            fs.emit(Opcodes.TEST_NONE);
            fails.add(fs.emitJump(Opcodes.JUMP_IF_FALSE));
            return;
        }
        if (p instanceof WrapPat w) {
            fs.emit(Opcodes.LOAD, slot);
            fs.emit(Opcodes.TEST_WRAP, wrapKind(w.ctor()));
            fails.add(fs.emitJump(Opcodes.JUMP_IF_FALSE));
            subPattern(w.inner(), slot, Opcodes.UNWRAP, -1, fails, top);
            return;
        }
        if (p instanceof TuplePat t) {
            fs.emit(Opcodes.LOAD, slot);
            fs.emit(Opcodes.TEST_TUPLE, t.items().size());
            fails.add(fs.emitJump(Opcodes.JUMP_IF_FALSE));
            for (int i = 0; i < t.items().size(); i++) subPattern(t.items().get(i), slot, Opcodes.GET_ITEM, i, fails, top);
            return;
        }
        if (p instanceof ListPat l) {
            fs.emit(Opcodes.LOAD, slot);
            fs.emit(Opcodes.TEST_LIST, l.items().size(), l.hasRest() ? 0 : 1);
            fails.add(fs.emitJump(Opcodes.JUMP_IF_FALSE));
            for (int i = 0; i < l.items().size(); i++) subPattern(l.items().get(i), slot, Opcodes.GET_ITEM, i, fails, top);
            if (l.rest() != null && !(l.rest() instanceof WildcardPat)) {
                subPattern(l.rest(), slot, Opcodes.LIST_REST, l.items().size(), fails, top);
            }
            return;
        }
        if (p instanceof EnumPat e) {
            checkEnumPattern(e);
            fs.emit(Opcodes.LOAD, slot);
            fs.emit(Opcodes.TEST_ENUM, fs.stringConstant(e.enumName() + "::" + e.variant()), e.args() == null ? -1 : e.args().size());
            fails.add(fs.emitJump(Opcodes.JUMP_IF_FALSE));
            if (e.args() != null) {
                for (int i = 0; i < e.args().size(); i++) {
                    subPattern(e.args().get(i), slot, Opcodes.GET_PAYLOAD, i, fails, top);
                }
            }
            return;
        }
        if (p instanceof StructPat s) {
            checkStructPattern(s);
            fs.emit(Opcodes.LOAD, slot);
            fs.emit(Opcodes.TEST_STRUCT, fs.stringConstant(s.name()));
            fails.add(fs.emitJump(Opcodes.JUMP_IF_FALSE));
            for (FieldPat f : s.fields()) {
                Pattern inner = f.pattern() != null ? f.pattern() : new BindPat(f.name(), false, f.span());
                int sub = fs.newSlot("<field>");
                fs.emit(Opcodes.LOAD, slot);
                fs.emit(Opcodes.FIELD, fs.stringConstant(f.name()));
                fs.emit(Opcodes.STORE, sub);
                matchPattern(inner, sub, fails, top);
            }
            return;
        }
        if (p instanceof OrPat o) {
            Set<String> names = boundNames(o.alternatives().get(0));
            for (Pattern alt : o.alternatives()) {
                if (!boundNames(alt).equals(names)) {
                    error(alt.span(), "every alternative of an or-pattern must bind the same names " + names);
                    return;
                }
            }
            List<Integer> successes = new ArrayList<>();
            int before = fs.locals.size();
            Map<String, Local> saved = rebind;
            for (int i = 0; i < o.alternatives().size(); i++) {
                List<Integer> altFails = new ArrayList<>();
                matchPattern(o.alternatives().get(i), slot, altFails, top);
                if (i == 0) {
                    Map<String, Local> first = new HashMap<>();
                    for (Local l : fs.locals.subList(before, fs.locals.size())) first.put(l.name, l);
                    rebind = first;
                }
                if (i < o.alternatives().size() - 1) {
                    successes.add(fs.emitJump(Opcodes.JUMP));
                    for (int f : altFails) fs.patchJump(f);
                } else {
                    fails.addAll(altFails);
                }
            }
            rebind = saved;
            for (int s : successes) fs.patchJump(s);
            return;
        }
        if (p instanceof RangePat r) {
            int flags = 0;
            fs.emit(Opcodes.LOAD, slot);
            if (r.low() != null) {
                compileExpr(r.low());
                flags |= 1;
            }
            if (r.high() != null) {
                compileExpr(r.high());
                flags |= 2;
            }
            if (r.inclusive()) flags |= 4;
            fs.emit(Opcodes.TEST_RANGE, flags);
            fails.add(fs.emitJump(Opcodes.JUMP_IF_FALSE));
            return;
        }
        error(p.span(), "unsupported pattern");
    }

    /** The names a pattern binds, for checking that or-pattern alternatives agree. */
    private static Set<String> boundNames(Pattern p) {
        Set<String> names = new java.util.TreeSet<>();
        java.util.ArrayDeque<Pattern> work = new java.util.ArrayDeque<>();
        work.push(p);
        while (!work.isEmpty()) {
            Pattern q = work.pop();
            if (q instanceof BindPat b) names.add(b.name());
            else if (q instanceof WrapPat w) work.push(w.inner());
            else if (q instanceof TuplePat t) t.items().forEach(work::push);
            else if (q instanceof OrPat o) o.alternatives().forEach(work::push);
            else if (q instanceof EnumPat e && e.args() != null) e.args().forEach(work::push);
            else if (q instanceof ListPat l) {
                l.items().forEach(work::push);
                if (l.rest() != null) work.push(l.rest());
            } else if (q instanceof StructPat st) {
                for (FieldPat f : st.fields()) {
                    if (f.pattern() == null) names.add(f.name());
                    else work.push(f.pattern());
                }
            }
        }
        return names;
    }

    /** Extracts a component of the value in {@code slot} into a temp slot and matches it. */
    private void subPattern(Pattern p, int slot, int extractOp, int operand, List<Integer> fails, boolean top) {
        if (p instanceof WildcardPat) return;
        fs.emit(Opcodes.LOAD, slot);
        if (operand >= 0) fs.emit(extractOp, operand);
        else fs.emit(extractOp);
        if (p instanceof BindPat b) {
            bindNew(b.name(), b.mutable(), top);
            return;
        }
        int sub = fs.newSlot("<part>");
        fs.emit(Opcodes.STORE, sub);
        matchPattern(p, sub, fails, top);
    }

    private static Value typeConstant(TypeAnn t) {
        return StrValue.of(t.name());
    }
}
