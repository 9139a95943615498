package dev.ion.loadtests.jmh.compare;

import dev.ion.loadtests.compare.Workload;

/** Generating 10⁶ pseudo-random ints (MINSTD) and sorting them, on every implementation. */
public class Sort extends Comparison {
    @Override
    protected Workload workload() {
        return Workload.SORT;
    }
}
