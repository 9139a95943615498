package dev.ion.engine.value;

/** A value without printable contents (functions, tasks, channel ends): it prints as a fixed text. */
public interface Atom {
    String text();

    /** The hash of this value, which equals only itself: any number fixed for its lifetime. */
    default int identityHash() {
        return System.identityHashCode(this);
    }
}
