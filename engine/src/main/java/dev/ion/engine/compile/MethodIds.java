package dev.ion.engine.compile;

import dev.ion.engine.Value;
import dev.ion.engine.value.StrValue;

/**
 * The method names whose calls on built-in values the interpreter's fast loop runs inline
 * ({@code xs.push(v)}, {@code xs.len()}, {@code d.get(k)}, {@code opt.unwrap()}). A {@link Proto} tags
 * each of its string constants with one of these ids, so the loop recognises the name of a
 * {@code CALL_METHOD} with one array read instead of leaving for the general method lookup.
 */
public final class MethodIds {
    private MethodIds() {
    }

    /** Not a method the fast loop runs. */
    public static final byte NONE = 0;
    public static final byte PUSH = 1;
    public static final byte LEN = 2;
    public static final byte GET = 3;
    public static final byte CONTAINS_KEY = 4;
    public static final byte UNWRAP = 5;

    /** The id of each constant: the method it names, or {@link #NONE}. */
    static byte[] of(Value[] constants) {
        byte[] ids = new byte[constants.length];
        for (int i = 0; i < constants.length; i++) {
            if (constants[i] instanceof StrValue s) ids[i] = id(s.str());
        }
        return ids;
    }

    private static byte id(String name) {
        return switch (name) {
            case "push" -> PUSH;
            case "len" -> LEN;
            case "get" -> GET;
            case "contains_key" -> CONTAINS_KEY;
            case "unwrap" -> UNWRAP;
            default -> NONE;
        };
    }
}
