package dev.ion.loadtests.jmh.compare;

import dev.ion.loadtests.compare.Workload;

/** Encoding 10⁴ small records to JSON and decoding them back (a codec written in Lua for LuaJ, Jackson for Java). */
public class Json extends Comparison {
    @Override
    protected Workload workload() {
        return Workload.JSON;
    }
}
