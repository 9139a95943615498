package dev.ion.server.runs;

import dev.ion.engine.Engine;
import dev.ion.engine.Script;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled scripts by source text, so that a source the server sees again (the same
 * snippet posted by a client or a load balancer's probe, over and over) is not lexed,
 * parsed and compiled for every run. Bounded: at most {@link #MAX_ENTRIES} scripts of at
 * most {@link #MAX_SOURCE_CHARS} characters each, least recently used out first; longer
 * sources, compile errors and scripts that name a host function (their code holds the
 * run's own registration, e.g. {@code demo_lookup}) are not kept. Safe because compiled code
 * holds no other state of a run ({@link Script}). Shared by every verticle, guarded by its
 * monitor.
 */
final class ScriptCache {
    static final int MAX_ENTRIES = 256;
    static final int MAX_SOURCE_CHARS = 4096;

    private final Map<String, Script> scripts = new LinkedHashMap<>(MAX_ENTRIES * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Script> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** {@code source} compiled for {@code engine}; throws its compile error as {@link Engine#prepare} does. */
    Script get(String source, Engine engine) {
        if (source.length() > MAX_SOURCE_CHARS) return engine.prepare(source);
        Script s;
        synchronized (this) {
            s = scripts.get(source);
        }
        if (s != null) return s;
        s = engine.prepare(source);
        if (s.portable()) {
            synchronized (this) {
                scripts.put(source, s);
            }
        }
        return s;
    }

    synchronized int size() {
        return scripts.size();
    }
}
