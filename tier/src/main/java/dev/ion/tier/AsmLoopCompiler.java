package dev.ion.tier;

import dev.ion.engine.compile.Compiler;
import dev.ion.engine.compile.Proto;
import dev.ion.engine.vm.CompiledLoops;
import dev.ion.engine.vm.LoopCompiler;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's {@link LoopCompiler} service: finds a function's compilable loops ({@link LoopRegions}),
 * writes their class ({@link LoopCodeGenerator}) and defines it as a hidden class in the engine's vm
 * package, so that it is unloaded with the function that owns it.
 */
public final class AsmLoopCompiler implements LoopCompiler {
    private static final AtomicLong COMPILED = new AtomicLong();

    /** How many functions got compiled loops in this JVM: lets tests see that the tier ran at all. */
    public static long compiledFunctions() {
        return COMPILED.get();
    }

    /**
     * The system property {@code ion.tier}: {@code on} (the default), {@code off} or {@code eager}. The engine
     * asks {@link #eager} once; {@code off} is read at each compilation, so that a test can compare the tier
     * with the interpreter alone in one JVM.
     */
    private static String mode() {
        return System.getProperty("ion.tier", "on");
    }

    @Override
    public boolean eager() {
        return mode().equals("eager");
    }

    /**
     * Compiles (and throws away) a small loop: loads ASM's classes and the JDK's for defining hidden classes,
     * and runs their code once, so that the first real compilation finds them warm.
     */
    @Override
    public void warmUp() {
        if (mode().equals("off")) return;
        define(Compiler.compile("let mut s = 0; for i in 0..3 { s += i % 2; }", name -> null).main());
    }

    @Override
    public CompiledLoops compile(Proto proto) {
        if (mode().equals("off")) return null;
        CompiledLoops code = define(proto);
        if (code != null) COMPILED.incrementAndGet();
        return code;
    }

    private static CompiledLoops define(Proto proto) {
        LoopRegions regions = LoopRegions.of(proto);
        byte[] classFile = null;
        while (classFile == null) {
            if (regions.isEmpty()) return null;
            try {
                classFile = LoopCodeGenerator.generate(proto, regions, "dev/ion/engine/vm/LoopsOf_" + javaName(proto.name));
            } catch (LoopCodeGenerator.RunTooLarge e) {
                regions.drop(e.run); // loops too long for the JIT to compile stay interpreted
            }
        }
        try {
            // the class and its constructor are public: plain reflection makes the instance, which costs less on
            // a cold JVM than a method handle (whose first use spins classes of its own)
            Class<?> loops = MethodHandles.privateLookupIn(CompiledLoops.class, MethodHandles.lookup())
                    .defineHiddenClass(classFile, true).lookupClass();
            return (CompiledLoops) loops.getConstructor(boolean[].class).newInstance((Object) regions.entries);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot define the loops of " + proto.name, e);
        }
    }

    private static String javaName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length() && sb.length() < 40; i++) {
            char c = name.charAt(i);
            sb.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
        }
        return sb.toString();
    }
}
