package dev.ion.engine.stdlib;

import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.UnitValue;

/** The {@code log} module: records go to the embedder's log handler ({@code cx.log}), never to the output. */
final class LogModule {
    private LogModule() {
    }

    static ModuleValue create() {
        ModuleBuilder m = new ModuleBuilder("log");
        for (String level : new String[] {"trace", "debug", "info", "warn", "error"}) {
            m.fn(level, 0, Args.MANY, (cx, a) -> {
                cx.log(level, Builtins.joinDisplay(cx, a, 0));
                return UnitValue.UNIT;
            });
        }
        return m.build();
    }
}
