package dev.ion.engine.stdlib;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PathModuleTest extends StdlibTest {

    String p(String fn, String... args) {
        dev.ion.engine.Value[] vs = new dev.ion.engine.Value[args.length];
        for (int k = 0; k < args.length; k++) vs[k] = s(args[k]);
        return repr(mod("path", fn, vs));
    }

    @Test
    void join() {
        assertThat(p("join", "a", "b", "c.txt")).isEqualTo("\"a/b/c.txt\"");
        assertThat(p("join", "a/", "b")).isEqualTo("\"a/b\"");
        assertThat(p("join", "a", "/etc", "x")).isEqualTo("\"/etc/x\"");
        assertThat(p("join", "", "x")).isEqualTo("\"x\"");
        assertThat(repr(mod("path", "join", list(s("a"), s("b"))))).isEqualTo("\"a/b\"");
        assertThat(errorMessage(() -> mod("path", "join", i(1)))).isEqualTo("join() expected a string, got int");
    }

    @Test
    void parentAndDirname() {
        assertThat(p("parent", "/a/b/c.txt")).isEqualTo("\"/a/b\"");
        assertThat(p("parent", "/a")).isEqualTo("\"/\"");
        assertThat(p("parent", "/")).isEqualTo("\"\"");
        assertThat(p("parent", "")).isEqualTo("\"\"");
        assertThat(p("parent", "a")).isEqualTo("\"\"");
        assertThat(p("parent", "a/b/")).isEqualTo("\"a\"");
        assertThat(p("dirname", "/a/b/c.txt")).isEqualTo("\"/a/b\"");
        assertThat(p("dirname", "c.txt")).isEqualTo("\"\"");
        assertThat(p("dirname", "/c")).isEqualTo("\"/\"");
        assertThat(p("dirname", "a/b/")).isEqualTo("\"a/b\"");
    }

    @Test
    void namesAndExtensions() {
        assertThat(p("file_name", "/a/b/c.txt")).isEqualTo("Some(\"c.txt\")");
        assertThat(p("file_name", "a/b/")).isEqualTo("Some(\"b\")");
        assertThat(p("file_name", "a/..")).isEqualTo("None");
        assertThat(p("file_name", "/")).isEqualTo("None");
        assertThat(p("basename", "/a/b/c.txt")).isEqualTo("\"c.txt\"");
        assertThat(p("basename", "a/b/")).isEqualTo("\"b\"");
        assertThat(p("basename", "/")).isEqualTo("\"\"");
        assertThat(p("extension", "x/archive.tar.gz")).isEqualTo("\"gz\"");
        assertThat(p("extension", "a.toml")).isEqualTo("\"toml\"");
        assertThat(p("extension", ".bashrc")).isEqualTo("\"\"");
        assertThat(p("extension", "noext")).isEqualTo("\"\"");
        assertThat(p("stem", "x/archive.tar.gz")).isEqualTo("\"archive.tar\"");
        assertThat(p("stem", ".bashrc")).isEqualTo("\".bashrc\"");
        assertThat(p("stem", "/")).isEqualTo("\"\"");
        assertThat(p("with_extension", "a/b.txt", "md")).isEqualTo("\"a/b.md\"");
        assertThat(p("with_extension", "a/b.txt", "")).isEqualTo("\"a/b\"");
        assertThat(p("with_extension", "a/b", "rs")).isEqualTo("\"a/b.rs\"");
    }

    @Test
    void absolutenessNormalizeComponents() {
        assertThat(p("is_absolute", "/x")).isEqualTo("true");
        assertThat(p("is_absolute", "x")).isEqualTo("false");
        assertThat(p("is_relative", "x")).isEqualTo("true");
        assertThat(p("normalize", "/a/./b/../c//d/")).isEqualTo("\"/a/c/d\"");
        assertThat(p("normalize", "../a/../../b")).isEqualTo("\"../../b\"");
        assertThat(p("normalize", "/../a")).isEqualTo("\"/a\"");
        assertThat(p("normalize", "a/..")).isEqualTo("\".\"");
        assertThat(p("normalize", "")).isEqualTo("\".\"");
        assertThat(p("components", "/a//b/./c")).isEqualTo("[\"/\", \"a\", \"b\", \"c\"]");
        assertThat(p("components", "./a/../b")).isEqualTo("[\".\", \"a\", \"..\", \"b\"]");
        assertThat(p("split", "/a/b.txt")).isEqualTo("(\"/a\", \"b.txt\")");
        assertThat(repr(Modules.get("path").member("SEP"))).isEqualTo("\"/\"");
        assertThat(repr(Modules.get("path").member("sep"))).isEqualTo("\"/\"");
    }
}
