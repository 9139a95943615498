package dev.ion.engine.compile;

import dev.ion.engine.Value;
import dev.ion.engine.parse.Ast.*;
import dev.ion.engine.value.HostTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The compiler's knowledge of the struct and enum types the host registered: struct literals
 * become constructor calls checked against the fields, struct and enum patterns are checked
 * against the type, and a bad path names the missing variant. Everything the compiler asks of
 * the host's types goes through here.
 */
final class HostTypeChecks {
    private final CompileContext cx;

    HostTypeChecks(CompileContext cx) {
        this.cx = cx;
    }

    private FunctionState fs() {
        return cx.fs;
    }

    /**
     * {@code Name { f: v, … }}: checks the fields against the registered struct type, then calls a constructor
     * that takes the values in the order written (so they are evaluated in source order).
     */
    void compileStructLit(StructLit s) {
        Object v = cx.names.staticLookup(s.name());
        HostTypes.StructType type = v instanceof Value x ? HostTypes.structType(x) : null;
        if (type == null) {
            if (v == null) {
                fs().emit(Opcodes.UNDEFINED, fs().stringConstant(""),
                        fs().stringConstant("undefined struct type '" + s.name() + "'"));
            } else {
                cx.typeError(s.span(), "'" + s.name() + "' is not a struct type");
                fs().adjustStack(1);
            }
            return;
        }
        List<String> written = new ArrayList<>();
        boolean ok = true;
        for (FieldInit f : s.fields()) {
            if (!type.fields().contains(f.name())) {
                cx.typeError(f.span(), "struct " + s.name() + " has no field '" + f.name() + "'");
                ok = false;
            } else if (written.contains(f.name())) {
                cx.typeError(f.span(), "field '" + f.name() + "' is given twice in the " + s.name() + " literal");
                ok = false;
            } else {
                written.add(f.name());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String f : type.fields()) if (!written.contains(f)) missing.add("'" + f + "'");
        if (ok && !missing.isEmpty()) {
            cx.typeError(s.span(), "missing field" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + " in the " + s.name() + " literal");
            ok = false;
        }
        if (!ok) {
            fs().adjustStack(1);
            return;
        }
        fs().emit(Opcodes.CONST, fs().constant(type.literal(written)));
        for (FieldInit f : s.fields()) cx.exprs.compileExpr(f.value());
        fs().position = s.span();
        fs().emit(Opcodes.CALL, s.fields().size());
    }

    /** Compile-time checks of a struct pattern against the registered type, when there is one. */
    void checkStructPattern(StructPat p) {
        Object v = cx.names.staticLookup(p.name());
        if (v == null) return; // not registered: the pattern just tests the type name
        HostTypes.StructType type = v instanceof Value x ? HostTypes.structType(x) : null;
        if (type == null) {
            cx.typeError(p.span(), "'" + p.name() + "' is not a struct type");
            return;
        }
        for (FieldPat f : p.fields()) {
            if (!type.fields().contains(f.name())) cx.typeError(f.span(), "struct " + p.name() + " has no field '" + f.name() + "'");
        }
    }

    /** Compile-time checks of an enum pattern against the registered enum, when there is one. */
    void checkEnumPattern(EnumPat p) {
        if (p.enumName().contains("::")) return;
        Object v = cx.names.staticLookup(p.enumName());
        if (v == null || v == NameResolver.RUNTIME_BINDING) v = cx.env.module(p.enumName());
        Map<String, Integer> variants = v instanceof Value x ? HostTypes.enumVariants(x) : null;
        if (variants == null) return; // not a registered enum: the pattern just tests the names
        Integer arity = variants.get(p.variant());
        String full = p.enumName() + "::" + p.variant();
        if (arity == null) {
            cx.typeError(p.span(), "enum " + p.enumName() + " has no variant '" + p.variant() + "'");
        } else if (p.args() != null && p.args().size() != arity) {
            cx.typeError(p.span(), arity == 0 ? full + " has no payload (write " + full + ")"
                    : full + " carries " + arity + (arity == 1 ? " value" : " values") + ", the pattern gives "
                    + p.args().size());
        }
    }

    /** The error for {@code owner::member} when {@code owner} (the value {@code v}) has no such member. */
    String noMember(Value v, String owner, String member) {
        return HostTypes.enumVariants(v) != null ? "enum " + owner + " has no variant '" + member + "'"
                : "module '" + owner + "' has no member '" + member + "'";
    }
}
