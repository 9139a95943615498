package dev.ion.loadtests.jmh.compare;

import dev.ion.loadtests.compare.Workload;

/** 10⁶ closures made by {@code make_adder(k)} and called once each, on every implementation. */
public class Closures extends Comparison {
    @Override
    protected Workload workload() {
        return Workload.CLOSURES;
    }
}
