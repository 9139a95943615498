package dev.ion.loadtests.jmh.compare;

import dev.ion.loadtests.compare.Workload;

/** 10⁵ inserts of fresh string keys {@code "k" + i} into a dict (Lua table, JS Map, LinkedHashMap). */
public class DictInsert extends Comparison {
    @Override
    protected Workload workload() {
        return Workload.DICT_INSERT;
    }
}
