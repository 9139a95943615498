package dev.ion.server.cli;

import dev.ion.engine.Value;

/** How a command shows a script's final value: not at all, in display form or in repr form. */
enum ValueFormat {
    NONE, DISPLAY, REPR;

    /** The text to print for {@code value}, or null when nothing is shown (always nothing for unit). */
    String format(Value value) {
        if (value == null || value.isUnit()) return null;
        return switch (this) {
            case NONE -> null;
            case DISPLAY -> value.toString();
            case REPR -> value.repr();
        };
    }
}
