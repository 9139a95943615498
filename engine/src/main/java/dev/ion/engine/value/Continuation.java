package dev.ion.engine.value;

import dev.ion.engine.Value;

/** The rest of a native function after a callback into Ion (or a park) completes. */
@FunctionalInterface
public interface Continuation {
    Value resume(CallContext cx, Value result);
}
