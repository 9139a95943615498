package dev.ion.server.runs;

import dev.ion.engine.Engine;
import dev.ion.engine.IonException;
import dev.ion.engine.Script;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's compiled scripts: one compile per source while it is kept, bounded in count and source size. */
class ScriptCacheTest {
    private static final Engine engine = DemoLookup.install(new Engine(), DemoLookup.jdkTimer());

    private static Script get(ScriptCache cache, String source) {
        return cache.get(source, engine);
    }

    @Test
    void aScriptNamingTheRunsHostFunctionIsNotKept() {
        ScriptCache cache = new ScriptCache();
        assertThat(get(cache, "demo_lookup(\"a\")")).isNotSameAs(get(cache, "demo_lookup(\"a\")"));
        assertThat(cache.size()).isZero();
    }
    @Test
    void aSourceSeenAgainIsNotCompiledAgain() {
        ScriptCache cache = new ScriptCache();
        assertThat(get(cache, "1 + 1")).isSameAs(get(cache, "1 + 1"));
        assertThat(get(cache, "1 + 2")).isNotSameAs(get(cache, "1 + 1"));
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void compileErrorsAreThrownEveryTimeAndNotKept() {
        ScriptCache cache = new ScriptCache();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> get(cache, "1 +")).isInstanceOf(IonException.class);
        }
        assertThat(cache.size()).isZero();
    }

    @Test
    void atMostMaxEntriesOfAtMostMaxSourceCharsAreKeptLeastRecentlyUsedOutFirst() {
        ScriptCache cache = new ScriptCache();
        var first = get(cache, "0");
        for (int i = 1; i <= ScriptCache.MAX_ENTRIES; i++) {
            get(cache, Integer.toString(i));
            get(cache, "0"); // keeps "0" recently used
        }
        assertThat(cache.size()).isEqualTo(ScriptCache.MAX_ENTRIES);
        assertThat(get(cache, "0")).isSameAs(first);
        var one = get(cache, "1");
        assertThat(get(cache, "1")).isSameAs(one); // "1" was evicted and compiled again, now kept
        String longSource = "1" + " ".repeat(ScriptCache.MAX_SOURCE_CHARS);
        assertThat(get(cache, longSource)).isNotSameAs(get(cache, longSource));
        assertThat(cache.size()).isEqualTo(ScriptCache.MAX_ENTRIES);
    }
}
