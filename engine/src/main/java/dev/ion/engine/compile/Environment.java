package dev.ion.engine.compile;

import dev.ion.engine.Value;

/** The names a script can see without declaring them: built-ins, host functions, modules. */
public interface Environment {
    /** The value bound to a global name, or null. */
    Value lookup(String name);

    /** The value a module path starts from: like {@link #lookup}, but modules win over functions of the same name. */
    default Value module(String name) {
        return lookup(name);
    }

    /** The error message for a name that exists elsewhere but is withheld here (e.g. {@code fs}), or null. */
    default String unavailable(String name) {
        return null;
    }
}
