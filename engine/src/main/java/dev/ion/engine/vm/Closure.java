package dev.ion.engine.vm;

import dev.ion.engine.Value;
import dev.ion.engine.compile.Proto;
import dev.ion.engine.value.Atom;

/** A function value: compiled code plus the values it captured when it was created. */
public final class Closure extends Value implements Atom {
    public final Proto proto;
    public final Value[] captures;

    public Closure(Proto proto, Value[] captures) {
        this.proto = proto;
        this.captures = captures;
    }

    @Override
    public String typeName() {
        return "fn";
    }

    @Override
    public String text() {
        return "<fn " + proto.name + ">";
    }
}
