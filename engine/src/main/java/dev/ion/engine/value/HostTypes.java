package dev.ion.engine.value;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host structs and enums (LANGUAGE.md §3.1, §6): what {@code Engine.registerStruct} and
 * {@code Engine.registerEnum} put in scope, and the struct and enum values hosts build. It lives with the
 * values because the compiler reads the types behind these names (to compile struct literals and check
 * patterns) and the VM calls their constructors; hosts reach it through {@code HostValues}.
 *
 * <ul>
 * <li>A struct type {@code Point} is a built-in function named {@code Point} whose body is a {@link StructType}:
 *     {@code Point(1, 2)} takes the fields positionally, in declaration order. The compiler recognises the
 *     type behind the name to compile the literal {@code Point { x: 1, y: 2 }} (see {@link #literal}) and to
 *     check struct patterns.</li>
 * <li>An enum type {@code Shape} is a module named {@code Shape} whose members are its variants: a variant
 *     without payload is the {@link EnumValue} itself ({@code Shape::Empty}); a variant with payload is a
 *     built-in function named {@code Shape::Circle} that checks its arity ({@code Shape::Circle(2.0)}).</li>
 * </ul>
 */
public final class HostTypes {
    private HostTypes() {
    }

    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern VARIANT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\(\\s*(\\d+)\\s*\\))?");
    private static final Set<String> KEYWORDS = Set.of("let", "mut", "fn", "match", "if", "else", "for", "while",
            "loop", "break", "continue", "return", "in", "as", "true", "false", "None", "Some", "Ok", "Err", "async",
            "spawn", "await", "select", "try", "catch", "use");

    /** The constructor body of a registered struct type. */
    public static final class StructType implements NativeFn {
        private final String name;
        private final List<String> fields;

        StructType(String name, List<String> fields) {
            this.name = name;
            this.fields = List.copyOf(fields);
        }

        public String name() {
            return name;
        }

        /** The field names in declaration order. */
        public List<String> fields() {
            return fields;
        }

        @Override
        public Value call(CallContext cx, Value[] args) {
            checkArity(name, args.length, fields.size());
            return build(cx, args);
        }

        private Value build(CallContext cx, Value[] inDeclarationOrder) {
            allocate(cx, fields.size() * 2L);
            Map<String, Value> m = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) m.put(fields.get(i), inDeclarationOrder[i]);
            return new StructValue(name, m);
        }

        /**
         * The constructor used for a literal that names the fields in {@code written} order (already checked
         * to be a permutation of the fields): it receives the values in that order.
         */
        public Value literal(List<String> written) {
            int[] position = new int[written.size()];
            for (int i = 0; i < position.length; i++) position[i] = fields.indexOf(written.get(i));
            return new BuiltinFn(name, (cx, args) -> {
                Value[] ordered = new Value[fields.size()];
                for (int i = 0; i < position.length; i++) ordered[position[i]] = args[i];
                return build(cx, ordered);
            });
        }
    }

    /** The constructor body of an enum variant with a payload. */
    public static final class VariantCtor implements NativeFn {
        private final String enumName;
        private final String variant;
        private final int arity;

        VariantCtor(String enumName, String variant, int arity) {
            this.enumName = enumName;
            this.variant = variant;
            this.arity = arity;
        }

        public int arity() {
            return arity;
        }

        @Override
        public Value call(CallContext cx, Value[] args) {
            checkArity(enumName + "::" + variant, args.length, arity);
            allocate(cx, arity);
            return new EnumValue(enumName, variant, args.clone());
        }
    }

    /** The struct type behind a constructor value, or null. */
    public static StructType structType(Value v) {
        return v instanceof BuiltinFn f && f.body() instanceof StructType t ? t : null;
    }

    /**
     * The variants of an enum namespace (a module registered by {@code registerEnum}) with their payload
     * arity (0 for a variant without payload), or null when {@code v} is not one.
     */
    public static Map<String, Integer> enumVariants(Value v) {
        if (!(v instanceof ModuleValue m) || m.members().isEmpty()) return null;
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : m.members().entrySet()) {
            Value x = e.getValue();
            if (x instanceof EnumValue ev && ev.enumName().equals(m.name()) && ev.payload().length == 0) {
                out.put(e.getKey(), 0);
            } else if (x instanceof BuiltinFn f && f.body() instanceof VariantCtor c && c.enumName.equals(m.name())) {
                out.put(e.getKey(), c.arity);
            } else {
                return null;
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The constructor of struct {@code name}; throws {@link IllegalArgumentException} for bad declarations. */
    public static BuiltinFn defineStruct(String name, String... fields) {
        checkTypeName("struct", name);
        Set<String> seen = new HashSet<>();
        for (String f : fields) {
            checkIdent("field", f);
            if (!seen.add(f)) throw new IllegalArgumentException("struct " + name + " declares field '" + f + "' twice");
        }
        return new BuiltinFn(name, new StructType(name, Arrays.asList(fields)));
    }

    /**
     * The namespace of enum {@code name}. Each variant is {@code "Name"} (no payload) or {@code "Name(n)"} with
     * {@code n ≥ 1} positional payload values.
     */
    public static ModuleValue defineEnum(String name, String... variants) {
        checkTypeName("enum", name);
        if (variants.length == 0) throw new IllegalArgumentException("enum " + name + " needs at least one variant");
        Map<String, Value> members = new LinkedHashMap<>();
        for (String spec : variants) {
            Matcher m = spec == null ? null : VARIANT.matcher(spec.strip());
            if (m == null || !m.matches()) {
                throw new IllegalArgumentException("bad variant " + (spec == null ? "null" : "'" + spec + "'")
                        + " for enum " + name + " (expected \"Name\" or \"Name(n)\")");
            }
            String variant = m.group(1);
            checkIdent("variant", variant);
            if (members.containsKey(variant)) {
                throw new IllegalArgumentException("enum " + name + " declares variant '" + variant + "' twice");
            }
            if (m.group(2) == null) {
                members.put(variant, new EnumValue(name, variant, new Value[0]));
            } else {
                int n;
                try {
                    n = Integer.parseInt(m.group(2));
                } catch (NumberFormatException e) {
                    n = -1;
                }
                if (n < 1 || n > 255) {
                    throw new IllegalArgumentException("variant " + name + "::" + variant
                            + " must carry 1 to 255 values (write \"" + variant + "\" for none)");
                }
                members.put(variant, new BuiltinFn(name + "::" + variant, new VariantCtor(name, variant, n)));
            }
        }
        return new ModuleValue(name, members);
    }

    /** A struct value built by the host ({@code HostValues.struct}). */
    public static Value struct(String name, Map<String, ? extends Value> fields) {
        checkIdent("struct", name);
        Map<String, Value> m = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends Value> e : fields.entrySet()) {
            checkIdent("field", e.getKey());
            if (e.getValue() == null) throw new IllegalArgumentException("field '" + e.getKey() + "' is null");
            m.put(e.getKey(), e.getValue());
        }
        return new StructValue(name, m);
    }

    /** An enum value built by the host ({@code HostValues.enumVariant}). */
    public static Value enumVariant(String enumName, String variant, Value... payload) {
        checkIdent("enum", enumName);
        checkIdent("variant", variant);
        List<Value> items = new ArrayList<>(payload.length);
        for (Value v : payload) {
            if (v == null) throw new IllegalArgumentException("payload of " + enumName + "::" + variant + " contains null");
            items.add(v);
        }
        return new EnumValue(enumName, variant, items.toArray(new Value[0]));
    }

    private static void checkArity(String fn, int given, int n) {
        if (given != n) throw Arity.error(fn, given, n, n);
    }

    /** Charges a constructed value of {@code slots} references; refuses one larger than the memory limit. */
    private static void allocate(CallContext cx, long slots) {
        long bytes = 16 + 8 * slots;
        long max = cx.limits().maxMemoryBytes();
        if (bytes > max) throw IonException.limit("max_memory_bytes", max);
        cx.allocate(bytes);
    }

    private static void checkTypeName(String what, String name) {
        checkIdent(what, name);
        if (!Character.isUpperCase(name.charAt(0))) {
            throw new IllegalArgumentException(what + " name '" + name + "' must start with an uppercase letter");
        }
    }

    private static void checkIdent(String what, String s) {
        if (s == null || !IDENT.matcher(s).matches() || s.equals("_")
                || KEYWORDS.contains(s) && !what.equals("variant")) {
            throw new IllegalArgumentException("invalid " + what + " name " + (s == null ? "null" : "'" + s + "'"));
        }
    }
}
