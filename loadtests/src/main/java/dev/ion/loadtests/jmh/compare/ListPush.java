package dev.ion.loadtests.jmh.compare;

import dev.ion.loadtests.compare.Workload;

/** 10⁶ pushes onto a list on every implementation. */
public class ListPush extends Comparison {
    @Override
    protected Workload workload() {
        return Workload.LIST_PUSH;
    }
}
