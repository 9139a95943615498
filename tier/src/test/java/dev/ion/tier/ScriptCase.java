package dev.ion.tier;

import dev.ion.engine.Limits;

/** One run of the differential test: a script and the limits to run it with, under a name unique in the set. */
record ScriptCase(String name, String source, Limits limits) {
}
