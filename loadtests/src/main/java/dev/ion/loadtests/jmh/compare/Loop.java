package dev.ion.loadtests.jmh.compare;

import dev.ion.loadtests.compare.Workload;

/** 10⁷ iterations of {@code acc = (acc + i * 3) % 1000003} in a while-loop on every implementation. */
public class Loop extends Comparison {
    @Override
    protected Workload workload() {
        return Workload.LOOP;
    }
}
