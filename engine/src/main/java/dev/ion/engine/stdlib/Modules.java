package dev.ion.engine.stdlib;

import dev.ion.engine.value.ModuleValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The standard modules of LANGUAGE.md §8 ({@code math json string bytes rand io log path semver}),
 * and the names deliberately left out of the sandbox ({@code fs}, {@code os}).
 */
public final class Modules {
    private Modules() {
    }

    /**
     * How to build each module, in the order of §8. A module is built the first time a script names it:
     * most scripts name none, and building all of them took a tenth of a short script's start-up.
     */
    private static final Map<String, Supplier<ModuleValue>> FACTORIES = factories();
    private static final Map<String, ModuleValue> BUILT = new ConcurrentHashMap<>();
    private static final Set<String> UNAVAILABLE = Set.of("fs", "os");

    private static Map<String, Supplier<ModuleValue>> factories() {
        Map<String, Supplier<ModuleValue>> m = new LinkedHashMap<>();
        m.put("math", MathModule::create);
        m.put("json", JsonModule::create);
        m.put("string", StringModule::create);
        m.put("bytes", BytesModule::create);
        m.put("rand", RandModule::create);
        m.put("io", IoModule::create);
        m.put("log", LogModule::create);
        m.put("path", PathModule::create);
        m.put("semver", SemverModule::create);
        return Collections.unmodifiableMap(m);
    }

    /** Every standard module by name, each built now if it was not yet. */
    public static Map<String, ModuleValue> all() {
        Map<String, ModuleValue> m = new LinkedHashMap<>();
        FACTORIES.keySet().forEach(name -> m.put(name, get(name)));
        return Collections.unmodifiableMap(m);
    }

    /** The standard module {@code name}, or null. Modules are immutable: one value serves every run. */
    public static ModuleValue get(String name) {
        ModuleValue built = BUILT.get(name);
        if (built != null) return built;
        Supplier<ModuleValue> factory = FACTORIES.get(name);
        if (factory == null) return null;
        synchronized (BUILT) {
            built = BUILT.get(name);
            if (built == null) {
                built = factory.get();
                BUILT.put(name, built);
            }
            return built;
        }
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
