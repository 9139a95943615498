package dev.ion.server.runs;

import dev.ion.engine.IonException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's compiled scripts: one compile per source while it is kept, bounded in count and source size. */
class ScriptCacheTest {
    @Test
    void aSourceSeenAgainIsNotCompiledAgain() {
        ScriptCache cache = new ScriptCache();
        assertThat(cache.get("1 + 1")).isSameAs(cache.get("1 + 1"));
        assertThat(cache.get("1 + 2")).isNotSameAs(cache.get("1 + 1"));
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void compileErrorsAreThrownEveryTimeAndNotKept() {
        ScriptCache cache = new ScriptCache();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.get("1 +")).isInstanceOf(IonException.class);
        }
        assertThat(cache.size()).isZero();
    }

    @Test
    void atMostMaxEntriesOfAtMostMaxSourceCharsAreKeptLeastRecentlyUsedOutFirst() {
        ScriptCache cache = new ScriptCache();
        var first = cache.get("0");
        for (int i = 1; i <= ScriptCache.MAX_ENTRIES; i++) {
            cache.get(Integer.toString(i));
            cache.get("0"); // keeps "0" recently used
        }
        assertThat(cache.size()).isEqualTo(ScriptCache.MAX_ENTRIES);
        assertThat(cache.get("0")).isSameAs(first);
        var one = cache.get("1");
        assertThat(cache.get("1")).isSameAs(one); // "1" was evicted and compiled again, now kept
        String longSource = "1" + " ".repeat(ScriptCache.MAX_SOURCE_CHARS);
        assertThat(cache.get(longSource)).isNotSameAs(cache.get(longSource));
        assertThat(cache.size()).isEqualTo(ScriptCache.MAX_ENTRIES);
    }
}
