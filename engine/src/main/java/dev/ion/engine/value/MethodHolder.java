package dev.ion.engine.value;

/** A value type outside the standard library (tasks, channel ends) that supplies its own methods. */
public interface MethodHolder {
    /** The method body (receiver is {@code args[0]}), or null when there is no such method. */
    NativeFn method(String name);
}
