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
    /** The engine whose host registrations the code names (and holds), or null when it names none. */
    final Engine registrations;

    Script(Compiler.Program program, Engine registrations) {
        this.program = program;
        this.registrations = registrations;
    }

    /** True when the script names no host registration, so it may start on any engine. */
    public boolean portable() {
        return registrations == null;
    }
}
