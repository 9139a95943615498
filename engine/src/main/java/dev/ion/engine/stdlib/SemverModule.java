package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.Printer;
import dev.ion.engine.value.StrValue;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code semver} module: Semantic Versioning 2.0 parsing and precedence, and Cargo-style
 * requirements ({@code ^ ~ = > >= < <=}, wildcards, comma-separated, plus {@code ||} alternatives).
 */
final class SemverModule {
    private SemverModule() {
    }

    static ModuleValue create() {
        return new ModuleBuilder("semver")
                .fn("parse", 1, 1, (cx, a) -> {
                    Args.string("parse", a[0]); // text only: the other functions also take parse's dicts
                    Budget.allocate(cx, Budget.listCost(10));
                    return version(cx, "parse", a[0]).toDict();
                })
                .fn("is_valid", 1, 1, (cx, a) -> {
                    try {
                        String text = Args.string("is_valid", a[0]);
                        Budget.charge(cx, text.length());
                        Version.parse(text);
                        return BoolValue.TRUE;
                    } catch (IllegalArgumentException e) {
                        return BoolValue.FALSE;
                    }
                })
                .fn("format", 1, 1, (cx, a) -> text(cx, version(cx, "format", a[0]).toString()))
                .fn("compare", 2, 2, (cx, a) -> IntValue.of(compare(cx, "compare", a)))
                .fn("eq", 2, 2, (cx, a) -> BoolValue.of(compare(cx, "eq", a) == 0))
                .fn("gt", 2, 2, (cx, a) -> BoolValue.of(compare(cx, "gt", a) > 0))
                .fn("gte", 2, 2, (cx, a) -> BoolValue.of(compare(cx, "gte", a) >= 0))
                .fn("lt", 2, 2, (cx, a) -> BoolValue.of(compare(cx, "lt", a) < 0))
                .fn("lte", 2, 2, (cx, a) -> BoolValue.of(compare(cx, "lte", a) <= 0))
                .fn("satisfies", 2, 2, (cx, a) -> {
                    Version v = version(cx, "satisfies", a[0]);
                    String req = Args.string("satisfies", a[1]);
                    Budget.charge(cx, req.length());
                    try {
                        return BoolValue.of(Requirement.parse(req).matches(v));
                    } catch (IllegalArgumentException e) {
                        throw IonException.runtime("satisfies() invalid requirement " + Printer.quote(req) + ": " + e.getMessage());
                    }
                })
                .fn("bump", 2, 2, (cx, a) -> {
                    Version v = version(cx, "bump", a[0]);
                    String part = Args.string("bump", a[1]);
                    Version r = switch (part) {
                        case "major" -> new Version(inc(v.major), 0, 0, "", "");
                        case "minor" -> new Version(v.major, inc(v.minor), 0, "", "");
                        case "patch" -> new Version(v.major, v.minor, inc(v.patch), "", "");
                        default -> throw IonException.runtime("bump() expected \"major\", \"minor\" or \"patch\", got "
                                + Printer.quote(part));
                    };
                    return text(cx, r.toString());
                })
                .fn("bump_major", 1, 1, (cx, a) -> {
                    Version v = version(cx, "bump_major", a[0]);
                    return text(cx, new Version(inc(v.major), 0, 0, "", "").toString());
                })
                .fn("bump_minor", 1, 1, (cx, a) -> {
                    Version v = version(cx, "bump_minor", a[0]);
                    return text(cx, new Version(v.major, inc(v.minor), 0, "", "").toString());
                })
                .fn("bump_patch", 1, 1, (cx, a) -> {
                    Version v = version(cx, "bump_patch", a[0]);
                    long patch = v.pre.isEmpty() ? inc(v.patch) : v.patch;
                    return text(cx, new Version(v.major, v.minor, patch, "", "").toString());
                })
                .build();
    }

    /** A result string, reported to memory accounting: a version may be as long as the text it came from. */
    private static Value text(CallContext cx, String s) {
        Budget.allocate(cx, Budget.strCost(s.length()));
        return StrValue.of(s);
    }

    /** The SemVer precedence of {@code a[0]} against {@code a[1]} as -1, 0 or 1 (build metadata ignored). */
    private static int compare(CallContext cx, String fn, Value[] a) {
        return Integer.signum(version(cx, fn, a[0]).compareTo(version(cx, fn, a[1])));
    }

    private static long inc(long x) {
        if (x == Long.MAX_VALUE) throw IonException.runtime("integer overflow");
        return x + 1;
    }

    /** A version from a string, or from a dict shaped like {@code parse}'s result. */
    private static Version version(CallContext cx, String fn, Value v) {
        if (v instanceof StrValue s) {
            Budget.charge(cx, s.javaLength()); // parsing is a pass over the text
            try {
                return Version.parse(s.str());
            } catch (IllegalArgumentException e) {
                throw IonException.runtime(fn + "() invalid version " + Printer.quote(s.str()) + ": " + e.getMessage());
            }
        }
        if (v instanceof DictValue d) {
            long major = field(fn, d, "major");
            long minor = field(fn, d, "minor");
            long patch = field(fn, d, "patch");
            Value pre = d.get("pre");
            Value build = d.get("build");
            StringBuilder text = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
            if (pre instanceof StrValue p && !p.str().isEmpty()) text.append('-').append(p.str());
            if (build instanceof StrValue b && !b.str().isEmpty()) text.append('+').append(b.str());
            return version(cx, fn, StrValue.of(text.toString()));
        }
        throw Args.expected(fn, "a version string or dict", v);
    }

    private static long field(String fn, DictValue d, String key) {
        Value v = d.get(key);
        if (v instanceof IntValue i) return i.value;
        throw IonException.runtime(fn + "() version dict needs an int " + Printer.quote(key));
    }

    /** A parsed version; ordering is SemVer precedence (build metadata ignored). */
    record Version(long major, long minor, long patch, String pre, String build) implements Comparable<Version> {

        static Version parse(String s) {
            if (s.isEmpty()) throw new IllegalArgumentException("empty string, expected a semver version");
            Cursor c = new Cursor(s);
            long major = c.number("major version number");
            c.dot("major version number", "minor version number");
            long minor = c.number("minor version number");
            c.dot("minor version number", "patch version number");
            long patch = c.number("patch version number");
            String pre = "";
            String build = "";
            if (c.peek() == '-') {
                c.pos++;
                pre = c.identifiers("pre-release identifier", true);
            }
            if (c.peek() == '+') {
                c.pos++;
                build = c.identifiers("build metadata", false);
            }
            if (!c.atEnd()) throw new IllegalArgumentException("unexpected character " + c.quoted() + " after patch version number");
            return new Version(major, minor, patch, pre, build);
        }

        DictValue toDict() {
            return DictValue.builder()
                    .put("major", IntValue.of(major))
                    .put("minor", IntValue.of(minor))
                    .put("patch", IntValue.of(patch))
                    .put("pre", StrValue.of(pre))
                    .put("build", StrValue.of(build))
                    .build();
        }

        @Override
        public int compareTo(Version o) {
            int c = Long.compare(major, o.major);
            if (c == 0) c = Long.compare(minor, o.minor);
            if (c == 0) c = Long.compare(patch, o.patch);
            if (c == 0) c = comparePre(pre, o.pre);
            return c;
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch + (pre.isEmpty() ? "" : "-" + pre) + (build.isEmpty() ? "" : "+" + build);
        }
    }

    /** SemVer pre-release precedence; the empty pre-release (a release) ranks highest. */
    static int comparePre(String a, String b) {
        if (a.equals(b)) return 0;
        if (a.isEmpty()) return 1;
        if (b.isEmpty()) return -1;
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xn = isNumeric(x[i]);
            boolean yn = isNumeric(y[i]);
            int c;
            if (xn && yn) c = x[i].length() != y[i].length() ? Integer.compare(x[i].length(), y[i].length()) : x[i].compareTo(y[i]);
            else if (xn) c = -1;
            else if (yn) c = 1;
            else c = x[i].compareTo(y[i]);
            if (c != 0) return c;
        }
        return Integer.compare(x.length, y.length);
    }

    private static boolean isNumeric(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return !s.isEmpty();
    }

    /** A scanning position over version or requirement text. */
    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return atEnd() ? '\0' : s.charAt(pos);
        }

        String quoted() {
            return "'" + new String(Character.toChars(s.codePointAt(pos))) + "'";
        }

        long number(String what) {
            if (atEnd()) throw new IllegalArgumentException("unexpected end of input while parsing " + what);
            if (!Character.isDigit(peek()) || peek() > '9') {
                throw new IllegalArgumentException("unexpected character " + quoted() + " while parsing " + what);
            }
            int start = pos;
            while (!atEnd() && peek() >= '0' && peek() <= '9') pos++;
            if (pos - start > 1 && s.charAt(start) == '0') throw new IllegalArgumentException("invalid leading zero in " + what);
            try {
                return Long.parseLong(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("value of " + what + " exceeds i64::MAX");
            }
        }

        void dot(String after, String next) {
            if (atEnd()) throw new IllegalArgumentException("unexpected end of input while parsing " + next);
            if (peek() != '.') throw new IllegalArgumentException("unexpected character " + quoted() + " after " + after);
            pos++;
        }

        /** Dot-separated [0-9A-Za-z-]+ identifiers up to '+' or the end. */
        String identifiers(String what, boolean pre) {
            int start = pos;
            int segStart = pos;
            while (true) {
                char c = peek();
                if (atEnd() || c == '.' || (pre && c == '+')) {
                    if (pos == segStart) throw new IllegalArgumentException("empty identifier segment in " + what);
                    String seg = s.substring(segStart, pos);
                    if (pre && seg.length() > 1 && seg.charAt(0) == '0' && isNumeric(seg)) {
                        throw new IllegalArgumentException("invalid leading zero in " + what);
                    }
                    if (c != '.') return s.substring(start, pos);
                    pos++;
                    segStart = pos;
                } else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-') {
                    pos++;
                } else {
                    throw new IllegalArgumentException("unexpected character " + quoted() + " in " + what);
                }
            }
        }
    }

    private enum Op { EXACT, GREATER, GREATER_EQ, LESS, LESS_EQ, TILDE, CARET, ANY }

    /** One comparator; a null minor/patch is a part left out or written as a wildcard. */
    private record Comparator(Op op, long major, Long minor, Long patch, String pre) {
        boolean matches(Version v) {
            return switch (op) {
                case ANY -> true;
                case EXACT -> exact(v);
                case GREATER -> greater(v);
                case GREATER_EQ -> exact(v) || greater(v);
                case LESS -> less(v);
                case LESS_EQ -> exact(v) || less(v);
                case TILDE -> tilde(v);
                case CARET -> caret(v);
            };
        }

        private boolean exact(Version v) {
            if (v.major != major) return false;
            if (minor != null && v.minor != minor) return false;
            if (patch != null && v.patch != patch) return false;
            return v.pre.equals(pre);
        }

        private boolean greater(Version v) {
            if (v.major != major) return v.major > major;
            if (minor == null) return false;
            if (v.minor != minor) return v.minor > minor;
            if (patch == null) return false;
            if (v.patch != patch) return v.patch > patch;
            return comparePre(v.pre, pre) > 0;
        }

        private boolean less(Version v) {
            if (v.major != major) return v.major < major;
            if (minor == null) return false;
            if (v.minor != minor) return v.minor < minor;
            if (patch == null) return false;
            if (v.patch != patch) return v.patch < patch;
            return comparePre(v.pre, pre) < 0;
        }

        private boolean tilde(Version v) {
            if (v.major != major) return false;
            if (minor != null && v.minor != minor) return false;
            if (patch != null && v.patch != patch) return v.patch > patch;
            return comparePre(v.pre, pre) >= 0;
        }

        private boolean caret(Version v) {
            if (v.major != major) return false;
            if (minor == null) return true;
            if (patch == null) return major > 0 ? v.minor >= minor : v.minor == minor;
            if (major > 0) {
                if (v.minor != minor) return v.minor > minor;
                if (v.patch != patch) return v.patch > patch;
            } else if (minor > 0) {
                if (v.minor != minor) return false;
                if (v.patch != patch) return v.patch > patch;
            } else if (v.minor != minor || v.patch != patch) {
                return false;
            }
            return comparePre(v.pre, pre) >= 0;
        }

        /** A pre-release version only matches when a comparator names the same major.minor.patch with a pre-release. */
        boolean allowsPre(Version v) {
            return op != Op.ANY && major == v.major && minor != null && minor == v.minor && patch != null
                    && patch == v.patch && !pre.isEmpty();
        }
    }

    /** Alternatives separated by {@code ||}, each a comma-separated conjunction of comparators. */
    private record Requirement(List<List<Comparator>> alternatives) {
        static Requirement parse(String text) {
            List<List<Comparator>> alts = new ArrayList<>();
            for (String alt : text.split("\\|\\|", -1)) {
                List<Comparator> all = new ArrayList<>();
                String trimmed = alt.trim();
                if (trimmed.isEmpty()) {
                    if (text.contains("||")) throw new IllegalArgumentException("empty alternative");
                    throw new IllegalArgumentException("empty requirement");
                }
                for (String part : trimmed.split(",", -1)) all.add(comparator(part.trim()));
                alts.add(all);
            }
            return new Requirement(alts);
        }

        boolean matches(Version v) {
            for (List<Comparator> all : alternatives) {
                boolean ok = true;
                for (Comparator c : all) ok &= c.matches(v);
                if (!ok) continue;
                if (v.pre.isEmpty()) return true;
                for (Comparator c : all) if (c.allowsPre(v)) return true;
            }
            return false;
        }

        private static Comparator comparator(String s) {
            if (s.isEmpty()) throw new IllegalArgumentException("empty comparator");
            Op op;
            int i;
            if (s.startsWith(">=")) { op = Op.GREATER_EQ; i = 2; }
            else if (s.startsWith("<=")) { op = Op.LESS_EQ; i = 2; }
            else if (s.startsWith(">")) { op = Op.GREATER; i = 1; }
            else if (s.startsWith("<")) { op = Op.LESS; i = 1; }
            else if (s.startsWith("=")) { op = Op.EXACT; i = 1; }
            else if (s.startsWith("~")) { op = Op.TILDE; i = 1; }
            else if (s.startsWith("^")) { op = Op.CARET; i = 1; }
            else { op = null; i = 0; }
            Cursor c = new Cursor(s);
            c.pos = i;
            while (!c.atEnd() && c.peek() == ' ') c.pos++;
            if (isWildcard(c.peek())) {
                c.pos++;
                skipWildcardTail(c);
                if (!c.atEnd()) throw new IllegalArgumentException("unexpected character " + c.quoted() + " after wildcard");
                return new Comparator(Op.ANY, 0, null, null, "");
            }
            long major = c.number("major version number");
            Long minor = null;
            Long patch = null;
            String pre = "";
            boolean wildcard = false;
            if (c.peek() == '.') {
                c.pos++;
                if (isWildcard(c.peek())) {
                    c.pos++;
                    wildcard = true;
                    skipWildcardTail(c);
                } else {
                    minor = c.number("minor version number");
                    if (c.peek() == '.') {
                        c.pos++;
                        if (isWildcard(c.peek())) {
                            c.pos++;
                            wildcard = true;
                        } else {
                            patch = c.number("patch version number");
                        }
                    }
                }
            }
            if (!wildcard && patch != null && c.peek() == '-') {
                c.pos++;
                pre = c.identifiers("pre-release identifier", true);
            }
            if (!wildcard && patch != null && c.peek() == '+') {
                c.pos++;
                c.identifiers("build metadata", false);
            }
            if (!c.atEnd()) throw new IllegalArgumentException("unexpected character " + c.quoted() + " in comparator " + Printer.quote(s));
            if (op == null) op = wildcard ? Op.EXACT : Op.CARET;
            return new Comparator(op, major, minor, patch, pre);
        }

        private static boolean isWildcard(char c) {
            return c == '*' || c == 'x' || c == 'X';
        }

        private static void skipWildcardTail(Cursor c) {
            while (c.peek() == '.' && c.pos + 1 < c.s.length() && isWildcard(c.s.charAt(c.pos + 1))) c.pos += 2;
        }
    }
}
