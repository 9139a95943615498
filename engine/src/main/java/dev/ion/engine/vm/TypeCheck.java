package dev.ion.engine.vm;

import dev.ion.engine.Value;
import dev.ion.engine.value.BuiltinFn;

/** The outer-type check of {@code let x: T = …} annotations (LANGUAGE.md §2). */
final class TypeCheck {
    private TypeCheck() {
    }

    static boolean matches(String type, Value v) {
        return switch (type) {
            case "any" -> true;
            case "fn" -> v instanceof Closure || v instanceof BuiltinFn;
            default -> type.equals(v.typeName());
        };
    }
}
