package dev.ion.server.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory asset store: what it serves, what it refuses, and that misses are not remembered. */
class ClasspathAssetsTest {
    final ClasspathAssets assets = new ClasspathAssets(getClass().getClassLoader(), WebPages.PLAYGROUND_ROOT);

    @Test
    void servesTheBundleWithAStableETagAndKeepsOnlyWhatExists() {
        var page = assets.get("index.html").orElseThrow();
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(page.etag()).isEqualTo(ClasspathAssets.etag(page.bytes()));
        assertThat(assets.get("index.html").orElseThrow()).isSameAs(page);
        for (int i = 0; i < 100; i++) assertThat(assets.get("made-up-" + i + ".js")).isEmpty();
        assertThat(assets.cached()).isEqualTo(1);
    }

    @Test
    void refusesPathsThatLeaveTheFolderOrHaveNoKnownType() {
        for (String path : new String[] {"../server/Main.class", "docs/../index.html", "/index.html", "", "a//b.js",
                ".hidden.js", "index.html/", "x.class", "index"}) {
            assertThat(assets.get(path)).as(path).isEmpty();
        }
        assertThat(new ClasspathAssets(getClass().getClassLoader(), null).get("index.html")).isEmpty();
    }
}
