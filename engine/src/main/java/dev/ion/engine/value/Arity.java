package dev.ion.engine.value;

import dev.ion.engine.IonException;

/**
 * The one rule for argument errors: every arity error ({@code len() takes 1 argument (2 given)}) and every
 * missing, unknown or duplicate argument is an error of kind {@code type}, produced here for the built-ins,
 * methods, concurrency functions, Ion functions and host type constructors alike.
 */
public final class Arity {
    private Arity() {
    }

    /** Marks a variadic upper bound. */
    public static final int MANY = -1;

    /** Fails unless {@code given} lies in {@code [min, max]} ({@code max == MANY}: no upper bound). */
    public static void check(String fn, int given, int min, int max) {
        if (given >= min && (max == MANY || given <= max)) return;
        throw error(fn, given, min, max);
    }

    /** The arity error for {@code fn} called with {@code given} arguments. */
    public static IonException error(String fn, int given, int min, int max) {
        return IonException.type(message(fn, given, min, max));
    }

    /** An argument error other than a count: a missing, unknown, duplicate or misplaced argument. */
    public static IonException argument(String message) {
        return IonException.type(message);
    }

    public static String message(String fn, int given, int min, int max) {
        String takes;
        if (max == MANY) takes = "at least " + min + (min == 1 ? " argument" : " arguments");
        else if (min == max) takes = min + (min == 1 ? " argument" : " arguments");
        else takes = min + " to " + max + " arguments";
        return fn + "() takes " + takes + " (" + given + " given)";
    }
}
