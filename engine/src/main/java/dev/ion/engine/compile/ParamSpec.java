package dev.ion.engine.compile;

/**
 * A function's parameter layout. Parameters occupy the first local slots in order:
 * the named ones, then {@code *rest} (if any), then {@code **kwargs} (if any).
 */
public final class ParamSpec {
    public final String[] names;
    /** Per named parameter: has a default value expression. */
    public final boolean[] hasDefault;
    /** Named parameters before this index are positional-only. */
    public final int positionalOnly;
    /** Named parameters at or after this index are keyword-only. */
    public final int keywordOnlyFrom;
    public final boolean hasRest;
    public final boolean hasKwargs;
    /** True when calls can bind positionally without any checking beyond the count. */
    public final boolean simple;

    public ParamSpec(String[] names, boolean[] hasDefault, int positionalOnly, int keywordOnlyFrom, boolean hasRest,
                     boolean hasKwargs) {
        this.names = names;
        this.hasDefault = hasDefault;
        this.positionalOnly = positionalOnly;
        this.keywordOnlyFrom = keywordOnlyFrom;
        this.hasRest = hasRest;
        this.hasKwargs = hasKwargs;
        boolean anyDefault = false;
        for (boolean d : hasDefault) anyDefault |= d;
        this.simple = !anyDefault && !hasRest && !hasKwargs && keywordOnlyFrom == names.length;
    }

    public static ParamSpec none() {
        return new ParamSpec(new String[0], new boolean[0], 0, 0, false, false);
    }

    /** Number of local slots the parameters occupy. */
    public int slotCount() {
        return names.length + (hasRest ? 1 : 0) + (hasKwargs ? 1 : 0);
    }
}
