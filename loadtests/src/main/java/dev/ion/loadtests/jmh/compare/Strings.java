package dev.ion.loadtests.jmh.compare;

import dev.ion.loadtests.compare.Workload;

/** String building: 10⁵ appends of one digit with each language's concatenation operator (StringBuilder in Java). */
public class Strings extends Comparison {
    @Override
    protected Workload workload() {
        return Workload.STRINGS;
    }
}
