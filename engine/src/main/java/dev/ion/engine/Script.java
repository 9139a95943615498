package dev.ion.engine;

import dev.ion.engine.compile.Compiler;

/**
 * A compiled script, from {@link Engine#prepare}: compile once, start many times. It holds
 * no state of any run (compiled code is immutable), so one {@code Script} may be started
 * concurrently on several engines and loops; a host that sees the same source again and
 * again (a server) keeps these instead of compiling for every run.
 */
public final class Script {
    final Compiler.Program program;
    /** The engine whose host registrations the code was compiled against, or null when it had none. */
    final Engine registrations;

    Script(Compiler.Program program, Engine registrations) {
        this.program = program;
        this.registrations = registrations;
    }
}
