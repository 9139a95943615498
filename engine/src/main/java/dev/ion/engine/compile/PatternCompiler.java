package dev.ion.engine.compile;

import dev.ion.engine.compile.FunctionState.Local;
import dev.ion.engine.parse.Ast.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles pattern matching: tests of the value in a slot against a pattern, each failing test
 * jumping to a list of fail jumps the caller patches, and the bindings the pattern makes.
 */
final class PatternCompiler {
    private final CompileContext cx;
    /** While matching later alternatives of an or-pattern: the bindings made by the first one. */
    private Map<String, Local> rebind;

    PatternCompiler(CompileContext cx) {
        this.cx = cx;
    }

    private FunctionState fs() {
        return cx.fs;
    }

    /** Pops the top of stack into a fresh binding. */
    void bindNew(String name, boolean mutable, boolean top) {
        if (rebind != null && rebind.containsKey(name)) {
            Local l = rebind.get(name);
            if (l.global) fs().emit(Opcodes.STORE_GLOBAL, l.slot);
            else fs().emit(Opcodes.STORE, l.slot);
            return;
        }
        if (top && cx.globalized.contains(name)) {
            int g = cx.names.newGlobal(name);
            fs().emit(Opcodes.STORE_GLOBAL, g);
            cx.topLevel.add(fs().declareAt(name, g, mutable, true));
        } else {
            Local l = fs().declare(name, mutable);
            fs().emit(Opcodes.STORE, l.slot);
            if (top) cx.topLevel.add(l);
        }
    }

    /**
     * Emits code testing the value in {@code slot} against {@code p}; each failing test
     * jumps to an offset recorded in {@code fails}. Bindings are declared in the current scope.
     */
    void matchPattern(Pattern p, int slot, List<Integer> fails, boolean top) {
        fs().position = p.span();
        if (p instanceof WildcardPat) {
            return;
        }
        if (p instanceof BindPat b) {
            fs().emit(Opcodes.LOAD, slot);
            bindNew(b.name(), b.mutable(), top);
            return;
        }
        if (p instanceof LitPat l) {
            fs().emit(Opcodes.LOAD, slot);
            cx.exprs.compileExpr(l.literal());
            fs().emit(Opcodes.TEST_EQ);
            fails.add(fs().emitJump(Opcodes.JUMP_IF_FALSE));
            return;
        }
        if (p instanceof NonePat) {
            fs().emit(Opcodes.LOAD, slot);
            fs().emit(Opcodes.TEST_NONE);
            fails.add(fs().emitJump(Opcodes.JUMP_IF_FALSE));
            return;
        }
        if (p instanceof WrapPat w) {
            fs().emit(Opcodes.LOAD, slot);
            fs().emit(Opcodes.TEST_WRAP, ExprCompiler.wrapKind(w.ctor()));
            fails.add(fs().emitJump(Opcodes.JUMP_IF_FALSE));
            subPattern(w.inner(), slot, Opcodes.UNWRAP, -1, fails, top);
            return;
        }
        if (p instanceof TuplePat t) {
            fs().emit(Opcodes.LOAD, slot);
            fs().emit(Opcodes.TEST_TUPLE, t.items().size());
            fails.add(fs().emitJump(Opcodes.JUMP_IF_FALSE));
            for (int i = 0; i < t.items().size(); i++) subPattern(t.items().get(i), slot, Opcodes.GET_ITEM, i, fails, top);
            return;
        }
        if (p instanceof ListPat l) {
            fs().emit(Opcodes.LOAD, slot);
            fs().emit(Opcodes.TEST_LIST, l.items().size(), l.hasRest() ? 0 : 1);
            fails.add(fs().emitJump(Opcodes.JUMP_IF_FALSE));
            for (int i = 0; i < l.items().size(); i++) subPattern(l.items().get(i), slot, Opcodes.GET_ITEM, i, fails, top);
            if (l.rest() != null && !(l.rest() instanceof WildcardPat)) {
                subPattern(l.rest(), slot, Opcodes.LIST_REST, l.items().size(), fails, top);
            }
            return;
        }
        if (p instanceof EnumPat e) {
            cx.hostTypes.checkEnumPattern(e);
            fs().emit(Opcodes.LOAD, slot);
            fs().emit(Opcodes.TEST_ENUM, fs().stringConstant(e.enumName() + "::" + e.variant()),
                    e.args() == null ? -1 : e.args().size());
            fails.add(fs().emitJump(Opcodes.JUMP_IF_FALSE));
            if (e.args() != null) {
                for (int i = 0; i < e.args().size(); i++) {
                    subPattern(e.args().get(i), slot, Opcodes.GET_PAYLOAD, i, fails, top);
                }
            }
            return;
        }
        if (p instanceof StructPat s) {
            cx.hostTypes.checkStructPattern(s);
            fs().emit(Opcodes.LOAD, slot);
            fs().emit(Opcodes.TEST_STRUCT, fs().stringConstant(s.name()));
            fails.add(fs().emitJump(Opcodes.JUMP_IF_FALSE));
            for (FieldPat f : s.fields()) {
                Pattern inner = f.pattern() != null ? f.pattern() : new BindPat(f.name(), false, f.span());
                int sub = fs().newSlot("<field>");
                fs().emit(Opcodes.LOAD, slot);
                fs().emit(Opcodes.FIELD, fs().stringConstant(f.name()));
                fs().emit(Opcodes.STORE, sub);
                matchPattern(inner, sub, fails, top);
            }
            return;
        }
        if (p instanceof OrPat o) {
            Set<String> names = boundNames(o.alternatives().get(0));
            for (Pattern alt : o.alternatives()) {
                if (!boundNames(alt).equals(names)) {
                    cx.error(alt.span(), "every alternative of an or-pattern must bind the same names " + names);
                    return;
                }
            }
            List<Integer> successes = new ArrayList<>();
            int before = fs().locals.size();
            Map<String, Local> saved = rebind;
            for (int i = 0; i < o.alternatives().size(); i++) {
                List<Integer> altFails = new ArrayList<>();
                matchPattern(o.alternatives().get(i), slot, altFails, top);
                if (i == 0) {
                    Map<String, Local> first = new HashMap<>();
                    for (Local l : fs().locals.subList(before, fs().locals.size())) first.put(l.name, l);
                    rebind = first;
                }
                if (i < o.alternatives().size() - 1) {
                    successes.add(fs().emitJump(Opcodes.JUMP));
                    for (int f : altFails) fs().patchJump(f);
                } else {
                    fails.addAll(altFails);
                }
            }
            rebind = saved;
            for (int s : successes) fs().patchJump(s);
            return;
        }
        if (p instanceof RangePat r) {
            int flags = 0;
            fs().emit(Opcodes.LOAD, slot);
            if (r.low() != null) {
                cx.exprs.compileExpr(r.low());
                flags |= 1;
            }
            if (r.high() != null) {
                cx.exprs.compileExpr(r.high());
                flags |= 2;
            }
            if (r.inclusive()) flags |= 4;
            fs().emit(Opcodes.TEST_RANGE, flags);
            fails.add(fs().emitJump(Opcodes.JUMP_IF_FALSE));
            return;
        }
        cx.error(p.span(), "unsupported pattern");
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
        fs().emit(Opcodes.LOAD, slot);
        if (operand >= 0) fs().emit(extractOp, operand);
        else fs().emit(extractOp);
        if (p instanceof BindPat b) {
            bindNew(b.name(), b.mutable(), top);
            return;
        }
        int sub = fs().newSlot("<part>");
        fs().emit(Opcodes.STORE, sub);
        matchPattern(p, sub, fails, top);
    }

    void raiseOnFail(List<Integer> fails, String message) {
        if (fails.isEmpty()) return;
        int ok = fs().emitJump(Opcodes.JUMP);
        for (int f : fails) fs().patchJump(f);
        fs().emit(Opcodes.MATCH_FAIL, fs().stringConstant(message));
        fs().patchJump(ok);
    }
}
