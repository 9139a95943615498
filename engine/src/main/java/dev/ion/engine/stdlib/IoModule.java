package dev.ion.engine.stdlib;

import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.UnitValue;

/** The {@code io} module; all output, stderr included, goes through the embedder's handler ({@code cx.print}). */
final class IoModule {
    private IoModule() {
    }

    static ModuleValue create() {
        return new ModuleBuilder("io")
                .fn("print", 0, Args.MANY, (cx, a) -> {
                    cx.print(Builtins.joinDisplay(cx, a, 0));
                    return UnitValue.UNIT;
                })
                .fn("println", 0, Args.MANY, (cx, a) -> {
                    cx.print(Builtins.joinDisplay(cx, a, 0) + "\n");
                    return UnitValue.UNIT;
                })
                .fn("eprintln", 0, Args.MANY, (cx, a) -> {
                    cx.print(Builtins.joinDisplay(cx, a, 0) + "\n");
                    return UnitValue.UNIT;
                })
                .build();
    }
}
