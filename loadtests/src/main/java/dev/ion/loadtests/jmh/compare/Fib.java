package dev.ion.loadtests.jmh.compare;

import dev.ion.loadtests.compare.Workload;

/** Recursive {@code fib(30)} (2,692,537 calls) on every implementation. */
public class Fib extends Comparison {
    @Override
    protected Workload workload() {
        return Workload.FIB;
    }
}
