package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.UnitValue;

import java.util.List;

/**
 * The {@code log} module: records go to the embedder's log handler ({@code cx.log}), never to the output.
 * A run-wide threshold ({@code set_level}/{@code level}/{@code enabled}) drops records below it.
 */
final class LogModule {
    /** Threshold names from quietest to loudest; a record passes when its index is at most the threshold's. */
    private static final List<String> THRESHOLDS = List.of("off", "error", "warn", "info", "debug", "trace");

    private LogModule() {
    }

    static ModuleValue create() {
        ModuleBuilder m = new ModuleBuilder("log");
        for (String level : new String[] {"trace", "debug", "info", "warn", "error"}) {
            m.fn(level, 0, Args.MANY, (cx, a) -> {
                if (enabled(cx, level)) cx.log(level, Builtins.joinDisplay(cx, a, 0));
                return UnitValue.UNIT;
            });
        }
        m.fn("set_level", 1, 1, (cx, a) -> {
            cx.setLogLevel(threshold("set_level", a[0]));
            return UnitValue.UNIT;
        });
        m.fn("level", 0, 0, (cx, a) -> StrValue.of(cx.logLevel()));
        m.fn("enabled", 1, 1, (cx, a) -> BoolValue.of(enabled(cx, threshold("enabled", a[0]))));
        return m.build();
    }

    private static boolean enabled(CallContext cx, String level) {
        int rank = THRESHOLDS.indexOf(level);
        return rank > 0 && rank <= THRESHOLDS.indexOf(cx.logLevel());
    }

    private static String threshold(String fn, Value v) {
        String name = Args.string(fn, v);
        if (!THRESHOLDS.contains(name)) {
            throw IonException.runtime(fn + "() expected one of off, error, warn, info, debug, trace, got \"" + name + "\"");
        }
        return name;
    }
}
