package dev.ion.engine.stdlib;

import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.StrValue;

/** The {@code string} module: a function form of every string method, plus {@code join(list, sep?)}. */
final class StringModule {
    private StringModule() {
    }

    static ModuleValue create() {
        ModuleBuilder m = new ModuleBuilder("string");
        for (String name : StringMethods.TABLE.names()) {
            m.value(name, StringMethods.TABLE.function(name, StrValue.class, "a string"));
        }
        m.fn("to_string", 1, 1, (cx, a) -> ListMethods.display(cx, a[0]));
        m.fn("join", 1, 2, (cx, a) -> ListMethods.join(cx, "join", Args.list("join", a[0]),
                a.length > 1 ? Args.string("join", a[1]) : ""));
        m.fn("from_chars", 1, 1, (cx, a) -> ListMethods.join(cx, "from_chars", Args.list("from_chars", a[0]), ""));
        return m.build();
    }
}
