package dev.ion.engine.value;

/**
 * The one wording of an arity error ({@code len() takes 1 argument (2 given)}), shared by the built-ins,
 * the VM and the host type constructors that live with the values.
 */
public final class Arity {
    private Arity() {
    }

    /** Marks a variadic upper bound. */
    public static final int MANY = -1;

    public static String message(String fn, int given, int min, int max) {
        String takes;
        if (max == MANY) takes = "at least " + min + (min == 1 ? " argument" : " arguments");
        else if (min == max) takes = min + (min == 1 ? " argument" : " arguments");
        else takes = min + " to " + max + " arguments";
        return fn + "() takes " + takes + " (" + given + " given)";
    }
}
