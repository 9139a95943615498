package dev.ion.engine.value;

/** A value without printable contents (functions, tasks, channel ends): it prints as a fixed text. */
public interface Atom {
    String text();
}
