package dev.ion.engine.compile;

import dev.ion.engine.Value;
import dev.ion.engine.compile.FunctionState.Local;
import dev.ion.engine.parse.Ast.*;
import dev.ion.engine.parse.Span;
import dev.ion.engine.value.ModuleValue;

import java.util.List;

/**
 * Name resolution for the compiler: where a name lives as seen from the function being compiled
 * (a local slot, a capture of the enclosing function, a global slot, the running closure, or a
 * compile-time constant from {@code use} or the host), the loads and stores that reach it, and
 * module paths resolved while compiling.
 */
final class NameResolver {
    private final CompileContext cx;

    NameResolver(CompileContext cx) {
        this.cx = cx;
    }

    private FunctionState fs() {
        return cx.fs;
    }

    int newGlobal(String name) {
        cx.globalNames.add(name);
        return cx.globalNames.size() - 1;
    }

    /**
     * Resolves a module path at compile time. For an unavailable module, emits an UNDEFINED that
     * raises when it runs (tracked as the value it would push) and returns null.
     */
    Value resolvePath(List<String> path, Span at) {
        Value v = lookupName(path.get(0));
        if (!(v instanceof ModuleValue)) {
            Value m = cx.env.module(path.get(0));
            if (m != null) v = m;
        }
        if (v == null) {
            String why = cx.env.unavailable(path.get(0));
            fs().emit(Opcodes.UNDEFINED, fs().stringConstant(""),
                    fs().stringConstant(why != null ? why : "undefined module '" + path.get(0) + "'"));
            return null;
        }
        for (int i = 1; i < path.size(); i++) {
            Value next = v instanceof ModuleValue m ? m.member(path.get(i)) : null;
            if (next == null) {
                String owner = String.join("::", path.subList(0, i));
                fs().emit(Opcodes.UNDEFINED, fs().stringConstant(""),
                        fs().stringConstant(cx.hostTypes.noMember(v, owner, path.get(i))));
                return null;
            }
            v = next;
        }
        return v;
    }

    /** Marks a name bound at run time (its value is not known while compiling). */
    static final Object RUNTIME_BINDING = new Object();

    /**
     * The compile-time value of {@code name} as seen from here, without side effects: a {@code use}
     * constant or an environment value; {@link #RUNTIME_BINDING} when a runtime binding shadows it; null when
     * the name is unknown.
     */
    Object staticLookup(String name) {
        for (FunctionState f = cx.fs; f != null; f = f.parent) {
            Local l = f.findLocal(name);
            if (l != null) return l.constant != null ? l.constant : RUNTIME_BINDING;
            if (name.equals(f.selfName)) return RUNTIME_BINDING;
        }
        Local later = laterTopLevel(name);
        if (later != null) return later.constant != null ? later.constant : RUNTIME_BINDING;
        return cx.env.lookup(name);
    }

    /** The compile-time value of a module path such as {@code Shape::Empty}, or null. */
    Value staticPath(List<String> path) {
        Object head = staticLookup(path.get(0));
        Value v = head instanceof ModuleValue m ? m : null;
        if (v == null && head != RUNTIME_BINDING) v = cx.env.module(path.get(0));
        for (int i = 1; i < path.size() && v != null; i++) v = v instanceof ModuleValue m ? m.member(path.get(i)) : null;
        return v;
    }

    /** A name bound by a {@code use} or the environment (not a runtime binding). */
    private Value lookupName(String name) {
        for (FunctionState f = cx.fs; f != null; f = f.parent) {
            Local l = f.findLocal(name);
            if (l != null) return l.constant;
        }
        return cx.env.lookup(name);
    }

    /** Where a name lives, as seen from the function being compiled. */
    record Resolved(int kind, int index, boolean mutable, Value constant) {
        static final int LOCAL = 0, CAPTURE = 1, GLOBAL = 2, SELF = 3, CONSTANT = 4;
    }

    Resolved resolve(String name) {
        return resolveIn(cx.fs, name);
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
                Local top = cx.main.findLocal(name);
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
        for (Local l : cx.topLevel) if (l.name.equals(name)) return l;
        return null;
    }

    void load(Resolved r) {
        switch (r.kind) {
            case Resolved.LOCAL -> fs().emit(Opcodes.LOAD, r.index);
            case Resolved.CAPTURE -> fs().emit(Opcodes.LOAD_CAPTURE, r.index);
            case Resolved.GLOBAL ->
                    fs().emit(Opcodes.LOAD_GLOBAL, r.index, fs().stringConstant(cx.globalNames.get(r.index)));
            case Resolved.SELF -> fs().emit(Opcodes.LOAD_SELF);
            default -> fs().emit(Opcodes.CONST, fs().constant(r.constant));
        }
    }

    /** Where {@code e} lives if it is a name, else null. */
    private Resolved resolveName(Expr e) {
        return e instanceof Ident id ? resolve(id.name()) : null;
    }

    /** The global slot of {@code e} if it names a hoisted top-level function, else -1. */
    int hoistedFunction(Expr e) {
        Resolved r = resolveName(e);
        return r != null && r.kind == Resolved.GLOBAL && cx.hoistedGlobals.get(r.index) ? r.index : -1;
    }

    /** The slot of {@code e} if it names a local of the current function, else -1. */
    int localSlot(Expr e) {
        Resolved r = resolveName(e);
        return r != null && r.kind == Resolved.LOCAL ? r.index : -1;
    }

    void store(Resolved r) {
        if (r.kind == Resolved.GLOBAL) fs().emit(Opcodes.STORE_GLOBAL, r.index);
        else fs().emit(Opcodes.STORE, r.index);
    }

    void compileIdent(Ident id) {
        Resolved r = resolve(id.name());
        if (r != null) {
            load(r);
            return;
        }
        Value v = cx.env.lookup(id.name());
        if (v != null) {
            fs().emit(Opcodes.CONST, fs().constant(v));
            return;
        }
        String why = cx.env.unavailable(id.name());
        fs().emit(Opcodes.UNDEFINED, fs().stringConstant(why != null ? "" : id.name()),
                fs().stringConstant(why != null ? why : "undefined variable '" + id.name() + "'"));
    }
}
