package dev.ion.loadtests.compare;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;
import org.luaj.vm2.luajc.LuaJC;

/**
 * Runs a Lua program on LuaJ 3.0.1 (Lua 5.2 semantics), either on LuaJ's interpreter or
 * compiled to JVM bytecode by LuaJC (which generates classes with BCEL). The chunk is loaded
 * (and for LuaJC compiled) once; each run calls it with the same standard globals.
 */
final class LuajRunner implements Runner {
    private final LuaValue chunk;

    LuajRunner(String name, String source, boolean compiled) {
        Globals globals = JsePlatform.standardGlobals();
        if (compiled) LuaJC.install(globals);
        this.chunk = globals.load(source, name);
    }

    @Override
    public long run() {
        return Results.integral(chunk.call().checkdouble());
    }
}
