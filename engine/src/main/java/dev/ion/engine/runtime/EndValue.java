package dev.ion.engine.runtime;

import dev.ion.engine.Value;
import dev.ion.engine.value.Arity;
import dev.ion.engine.value.Atom;
import dev.ion.engine.value.Holder;
import dev.ion.engine.value.MethodHolder;

import java.util.function.Consumer;

/**
 * What the ends of a {@link Channel} and of a {@link Broadcast} have in common: an end prints as
 * {@code <type id>}, keeps alive what its channel holds, and its methods take a fixed number of arguments.
 */
abstract class EndValue extends Value implements Atom, MethodHolder, Holder {
    private final long channelId;
    private final Holder channelContents;

    EndValue(long channelId, Holder channelContents) {
        this.channelId = channelId;
        this.channelContents = channelContents;
    }

    @Override
    public final String text() {
        return "<" + typeName() + " " + channelId + ">";
    }

    @Override
    public final void forEachHeld(Consumer<Value> action) {
        channelContents.forEachHeld(action);
    }

    /** Fails unless the method {@code name} got {@code n} arguments ({@code args[0]} is the end itself). */
    static void arity(String name, Value[] args, int n) {
        Arity.check(name, args.length - 1, n, n);
    }
}
