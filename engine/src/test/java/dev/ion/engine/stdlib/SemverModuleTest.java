package dev.ion.engine.stdlib;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SemverModuleTest extends StdlibTest {

    boolean sat(String v, String req) {
        return mod("semver", "satisfies", s(v), s(req)).asBoolean();
    }

    @Test
    void parse() {
        assertThat(repr(mod("semver", "parse", s("1.2.3"))))
                .isEqualTo("#{\"major\": 1, \"minor\": 2, \"patch\": 3, \"pre\": \"\", \"build\": \"\"}");
        assertThat(repr(mod("semver", "parse", s("1.0.0-alpha.1+build.5"))))
                .isEqualTo("#{\"major\": 1, \"minor\": 0, \"patch\": 0, \"pre\": \"alpha.1\", \"build\": \"build.5\"}");
        assertThat(parseError("1.2")).isEqualTo("unexpected end of input while parsing patch version number");
        assertThat(parseError("v1.2.3")).isEqualTo("unexpected character 'v' while parsing major version number");
        assertThat(parseError("01.2.3")).isEqualTo("invalid leading zero in major version number");
        assertThat(parseError("1.2.3-01")).isEqualTo("invalid leading zero in pre-release identifier");
        assertThat(parseError("1.2.3-a..b")).isEqualTo("empty identifier segment in pre-release identifier");
        assertThat(parseError("1.2.3 ")).isEqualTo("unexpected character ' ' after patch version number");
        assertThat(parseError("")).isEqualTo("empty string, expected a semver version");
        assertThat(repr(mod("semver", "is_valid", s("1.2.3")))).isEqualTo("true");
    }

    /** The reason {@code semver::parse} gives for refusing {@code text}, after its fixed prefix. */
    private String parseError(String text) {
        String prefix = "parse() invalid version \"" + text + "\": ";
        String message = errorMessage(() -> mod("semver", "parse", s(text)));
        assertThat(message).startsWith(prefix);
        return message.substring(prefix.length());
    }

    @Test
    void compareFollowsPrecedence() {
        String[] ordered = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0"};
        for (int a = 0; a < ordered.length; a++) {
            for (int b = 0; b < ordered.length; b++) {
                long c = mod("semver", "compare", s(ordered[a]), s(ordered[b])).asLong();
                assertThat(c).as(ordered[a] + " vs " + ordered[b]).isEqualTo(Integer.signum(Integer.compare(a, b)));
            }
        }
        assertThat(repr(mod("semver", "compare", s("1.0.0+a"), s("1.0.0+b")))).isEqualTo("0");
        assertThat(repr(mod("semver", "compare", s("1.2.3"), s("1.2.4")))).isEqualTo("-1");
        assertThat(errorMessage(() -> mod("semver", "compare", s("x"), s("1.0.0"))))
                .isEqualTo("compare() invalid version \"x\": unexpected character 'x' while parsing major version number");
    }

    @Test
    void compareAcceptsParsedDicts() {
        var parsed = mod("semver", "parse", s("1.2.3-rc.1"));
        assertThat(repr(mod("semver", "compare", parsed, s("1.2.3")))).isEqualTo("-1");
        assertThat(repr(mod("semver", "lt", parsed, s("1.2.3")))).isEqualTo("true");
        assertThat(repr(mod("semver", "format", parsed))).isEqualTo("\"1.2.3-rc.1\"");
    }

    @Test
    void caretAndTilde() {
        assertThat(sat("1.2.3", "^1.2.3")).isTrue();
        assertThat(sat("1.9.0", "^1.2.3")).isTrue();
        assertThat(sat("2.0.0", "^1.2.3")).isFalse();
        assertThat(sat("1.2.2", "^1.2.3")).isFalse();
        assertThat(sat("0.2.9", "^0.2.3")).isTrue();
        assertThat(sat("0.3.0", "^0.2.3")).isFalse();
        assertThat(sat("0.0.3", "^0.0.3")).isTrue();
        assertThat(sat("0.0.4", "^0.0.3")).isFalse();
        assertThat(sat("1.5.0", "1.2")).isTrue();
        assertThat(sat("1.2.9", "~1.2.3")).isTrue();
        assertThat(sat("1.3.0", "~1.2.3")).isFalse();
        assertThat(sat("1.9.0", "~1")).isTrue();
    }

    @Test
    void comparisonsAndRanges() {
        assertThat(sat("1.5.0", ">=1.2, <2")).isTrue();
        assertThat(sat("2.0.0", ">=1.2, <2")).isFalse();
        assertThat(sat("1.2.0", ">1.2")).isFalse();
        assertThat(sat("1.3.0", ">1.2")).isTrue();
        assertThat(sat("1.2.5", "<=1.2")).isTrue();
        assertThat(sat("1.2.3", "=1.2.3")).isTrue();
        assertThat(sat("1.2.4", "=1.2.3")).isFalse();
        assertThat(sat("1.2.4", ">= 1.2.3")).isTrue();
        assertThat(sat("3.0.0", "*")).isTrue();
        assertThat(sat("1.4.0", "1.*")).isTrue();
        assertThat(sat("2.0.0", "1.x")).isFalse();
        assertThat(sat("3.1.0", "^1 || ^3")).isTrue();
    }

    @Test
    void preReleasesOnlyMatchWhenNamed() {
        assertThat(sat("1.3.0-alpha", ">=1.2.0")).isFalse();
        assertThat(sat("1.2.3-beta", ">=1.2.3-alpha")).isTrue();
        assertThat(sat("1.2.3-alpha", "^1.2.3-beta")).isFalse();
        assertThat(sat("1.2.4-alpha", ">=1.2.3-alpha")).isFalse();
    }

    @Test
    void invalidRequirementsFail() {
        assertThat(errorMessage(() -> sat("1.0.0", ">>1"))).startsWith("satisfies() invalid requirement \">>1\"");
        assertThat(errorMessage(() -> sat("1.0.0", ""))).isEqualTo("satisfies() invalid requirement \"\": empty requirement");
    }

    @Test
    void bump() {
        assertThat(repr(mod("semver", "bump", s("1.2.3"), s("major")))).isEqualTo("\"2.0.0\"");
        assertThat(repr(mod("semver", "bump", s("1.2.3"), s("minor")))).isEqualTo("\"1.3.0\"");
        assertThat(repr(mod("semver", "bump", s("1.2.3-rc.1+b"), s("patch")))).isEqualTo("\"1.2.4\"");
        assertThat(errorMessage(() -> mod("semver", "bump", s("1.2.3"), s("huge"))))
                .isEqualTo("bump() expected \"major\", \"minor\" or \"patch\", got \"huge\"");
        assertThat(repr(mod("semver", "bump_major", s("1.2.3-rc.1+b")))).isEqualTo("\"2.0.0\"");
        assertThat(repr(mod("semver", "bump_minor", s("1.2.3-rc.1+b")))).isEqualTo("\"1.3.0\"");
        assertThat(repr(mod("semver", "bump_patch", s("1.2.3-rc.1+b")))).isEqualTo("\"1.2.3\"");
        assertThat(repr(mod("semver", "bump_patch", s("1.2.3+b")))).isEqualTo("\"1.2.4\"");
    }
}
