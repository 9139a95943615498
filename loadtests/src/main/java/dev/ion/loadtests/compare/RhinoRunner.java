package dev.ion.loadtests.compare;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.Scriptable;

/**
 * Runs a JavaScript program on Rhino, interpreted or compiled to JVM bytecode. Rhino 1.9
 * has only these two modes: optimization level -1 means interpreted and every level from 0
 * to 9 means compiled ({@code setOptimizationLevel} just calls {@code setInterpretedMode}).
 * The script is compiled once; each run executes it in a fresh top-level scope whose
 * prototype is a sealed set of standard objects, so no run sees another's globals.
 */
final class RhinoRunner implements Runner {
    private final ContextFactory factory = new ContextFactory();
    private final boolean interpreted;
    private final Script script;
    private final Scriptable standard;

    RhinoRunner(String name, String source, boolean interpreted) {
        this.interpreted = interpreted;
        try (Context cx = enter()) {
            this.standard = cx.initSafeStandardObjects(null, true);
            this.script = cx.compileString(source, name, 1, null);
        }
    }

    private Context enter() {
        Context cx = factory.enterContext();
        cx.setLanguageVersion(Context.VERSION_ES6);
        cx.setInterpretedMode(interpreted);
        return cx;
    }

    @Override
    public long run() {
        try (Context cx = enter()) {
            Scriptable scope = cx.newObject(standard);
            scope.setPrototype(standard);
            scope.setParentScope(null);
            Object result = script.exec(cx, scope);
            if (!(result instanceof Number number)) {
                throw new IllegalStateException("script returned " + result + ", not a number");
            }
            return Results.integral(number.doubleValue());
        }
    }
}
