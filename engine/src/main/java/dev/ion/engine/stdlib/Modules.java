package dev.ion.engine.stdlib;

import dev.ion.engine.value.ModuleValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The standard modules of LANGUAGE.md §8 ({@code math json string bytes rand io log path semver}),
 * and the names deliberately left out of the sandbox ({@code fs}, {@code os}).
 */
public final class Modules {
    private Modules() {
    }

    private static final Map<String, ModuleValue> ALL = build();
    private static final Set<String> UNAVAILABLE = Set.of("fs", "os");

    private static Map<String, ModuleValue> build() {
        Map<String, ModuleValue> m = new LinkedHashMap<>();
        for (ModuleValue v : new ModuleValue[] {
                MathModule.create(), JsonModule.create(), StringModule.create(), BytesModule.create(),
                RandModule.create(), IoModule.create(), LogModule.create(), PathModule.create(), SemverModule.create()}) {
            m.put(v.name(), v);
        }
        return Collections.unmodifiableMap(m);
    }

    /** Every standard module by name. The values are immutable and may be shared by all runs. */
    public static Map<String, ModuleValue> all() {
        return ALL;
    }

    /** The standard module {@code name}, or null. */
    public static ModuleValue get(String name) {
        return ALL.get(name);
    }

    /** True for modules that exist in the reference implementation but not in the sandbox. */
    public static boolean unavailable(String name) {
        return UNAVAILABLE.contains(name);
    }

    /** The error text for a use of an unavailable module. */
    public static String unavailableMessage(String name) {
        return "module '" + name + "' is not available in the sandbox";
    }
}
