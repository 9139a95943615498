package dev.ion.engine.value;

import dev.ion.engine.Value;

/**
 * A built-in function or method body. It returns its result, or — to call back into
 * Ion or to park — returns what {@link CallContext#call} / {@link CallContext#suspend}
 * return, after which the VM drives it through a {@link Continuation}. It never calls
 * the VM recursively. For methods, {@code args[0]} is the receiver.
 */
@FunctionalInterface
public interface NativeFn {
    Value call(CallContext cx, Value[] args);
}
