package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.StrValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The methods of strings (LANGUAGE.md §8); indices and widths count characters, {@code len} counts UTF-8 bytes. */
final class StringMethods {
    private StringMethods() {
    }

    static final MethodTable TABLE = new MethodTable()
            .add("len", 0, 0, (cx, a) -> {
                StrValue s = recv(a);
                Budget.scan(cx, s.javaLength());
                return IntValue.of(s.utf8Length());
            })
            .add("char_len", 0, 0, (cx, a) -> {
                Budget.scan(cx, recv(a).javaLength());
                return IntValue.of(recv(a).charLength());
            })
            .add("is_empty", 0, 0, (cx, a) -> BoolValue.of(recv(a).javaLength() == 0))
            .add("contains", 1, 1, (cx, a) -> {
                String s = str(cx, a);
                return BoolValue.of(Search.indexOf(s, needle(a[1]), 0) >= 0);
            })
            .add("starts_with", 1, 1, (cx, a) -> BoolValue.of(str(cx, a).startsWith(Args.string("starts_with", a[1]))))
            .add("ends_with", 1, 1, (cx, a) -> BoolValue.of(str(cx, a).endsWith(Args.string("ends_with", a[1]))))
            .add("find", 1, 1, (cx, a) -> find(cx, "find", a))
            .add("index", 1, 1, (cx, a) -> find(cx, "index", a))
            .add("count", 1, 1, (cx, a) -> IntValue.of(Text.count(str(cx, a), Args.string("count", a[1]))))
            .add("trim", 0, 0, (cx, a) -> result(cx, Text.trimEnd(Text.trimStart(str(cx, a)))))
            .add("trim_start", 0, 0, (cx, a) -> result(cx, Text.trimStart(str(cx, a))))
            .add("trim_end", 0, 0, (cx, a) -> result(cx, Text.trimEnd(str(cx, a))))
            .add("to_upper", 0, 0, (cx, a) -> result(cx, str(cx, a).toUpperCase(Locale.ROOT)))
            .add("to_lower", 0, 0, (cx, a) -> result(cx, str(cx, a).toLowerCase(Locale.ROOT)))
            .add("split", 0, 1, StringMethods::split)
            .add("lines", 0, 0, StringMethods::lines)
            .add("replace", 2, 2, StringMethods::replace)
            .add("chars", 0, 0, (cx, a) -> {
                Value[] chars = Text.chars(str(cx, a));
                Budget.charge(cx, chars.length);
                Budget.allocate(cx, Budget.listCost(chars.length));
                return ListValue.of(chars);
            })
            .add("pad_start", 1, 2, (cx, a) -> pad(cx, "pad_start", a, true))
            .add("pad_end", 1, 2, (cx, a) -> pad(cx, "pad_end", a, false))
            .add("strip_prefix", 1, 1, (cx, a) -> {
                String s = recv(a).str();
                String p = Args.string("strip_prefix", a[1]);
                Budget.scan(cx, Math.min(s.length(), p.length()));
                return s.startsWith(p) ? result(cx, s.substring(p.length())) : a[0];
            })
            .add("strip_suffix", 1, 1, (cx, a) -> {
                String s = recv(a).str();
                String p = Args.string("strip_suffix", a[1]);
                Budget.scan(cx, Math.min(s.length(), p.length()));
                return s.endsWith(p) ? result(cx, s.substring(0, s.length() - p.length())) : a[0];
            })
            .add("reverse", 0, 0, (cx, a) -> result(cx, Text.reverse(str(cx, a))))
            .add("repeat", 1, 1, (cx, a) -> repeat(cx, "repeat", recv(a), Args.count("repeat", a[1])))
            .add("slice", 1, 2, (cx, a) -> {
                StrValue s = recv(a);
                int n = s.charLength();
                long from = Args.integer("slice", a[1]);
                long to = a.length > 2 ? Args.integer("slice", a[2]) : n;
                int lo = Args.bound(from, n);
                int hi = Args.bound(to, n);
                if (lo >= hi) return StrValue.EMPTY;
                Budget.charge(cx, hi - lo);
                Budget.allocate(cx, Budget.strCost(hi - lo));
                return s.substring(lo, hi);
            })
            .add("bytes", 0, 0, (cx, a) -> {
                byte[] b = str(cx, a).getBytes(StandardCharsets.UTF_8);
                Budget.charge(cx, b.length);
                Value[] out = new Value[b.length];
                for (int i = 0; i < b.length; i++) out[i] = IntValue.of(b[i] & 0xff);
                return ListMethods.fresh(cx, out);
            })
            .add("to_int", 0, 0, (cx, a) -> {
                String s = str(cx, a);
                try {
                    return ResultValue.ok(IntValue.of(parseInt(s.strip())));
                } catch (NumberFormatException e) {
                    return ResultValue.err(StrValue.of(e.getMessage()));
                }
            })
            .add("to_float", 0, 0, (cx, a) -> {
                String s = str(cx, a);
                try {
                    return ResultValue.ok(FloatValue.of(parseFloat(s.strip())));
                } catch (NumberFormatException e) {
                    return ResultValue.err(StrValue.of(e.getMessage()));
                }
            })
            .add("to_string", 0, 0, (cx, a) -> a[0]);

    static StrValue recv(Value[] a) {
        return (StrValue) a[0];
    }

    /** The receiver's text, charging fuel for scanning it. */
    /** What {@code contains} looks for: a substring, or an int code point. */
    private static String needle(Value v) {
        if (v instanceof IntValue i) {
            if (i.value < 0 || i.value > Character.MAX_CODE_POINT || (i.value >= 0xD800 && i.value <= 0xDFFF)) {
                throw IonException.runtime("contains() expected a Unicode code point, got " + i.value);
            }
            return Character.toString((int) i.value);
        }
        if (v instanceof StrValue s) return s.str();
        throw Args.expected("contains", "a string or an int code point", v);
    }

    private static String str(CallContext cx, Value[] a) {
        StrValue s = recv(a);
        Budget.scan(cx, s.javaLength());
        return s.str();
    }

    /** A new string result: charged per character copied and reported to memory accounting. */
    private static Value result(CallContext cx, String s) {
        Budget.charge(cx, s.length());
        Budget.allocate(cx, Budget.strCost(s.length()));
        return StrValue.of(s);
    }

    private static Value find(CallContext cx, String fn, Value[] a) {
        String s = str(cx, a);
        int at = Search.indexOf(s, Args.string(fn, a[1]), 0);
        return at < 0 ? OptionValue.NONE : OptionValue.some(IntValue.of(Text.charIndex(s, at)));
    }

    private static Value split(CallContext cx, Value[] a) {
        String s = str(cx, a);
        List<Value> parts = new ArrayList<>();
        if (a.length == 1) {
            int i = 0;
            while (i < s.length()) {
                while (i < s.length() && Text.isWhitespace(s.codePointAt(i))) i += Character.charCount(s.codePointAt(i));
                int start = i;
                while (i < s.length() && !Text.isWhitespace(s.codePointAt(i))) i += Character.charCount(s.codePointAt(i));
                if (i > start) parts.add(StrValue.of(s.substring(start, i)));
            }
        } else {
            String sep = Args.string("split", a[1]);
            if (sep.isEmpty()) {
                parts.add(StrValue.EMPTY);
                for (Value c : Text.chars(s)) parts.add(c);
                parts.add(StrValue.EMPTY);
            } else {
                int from = 0;
                for (int at = Search.indexOf(s, sep, 0); at >= 0; at = Search.indexOf(s, sep, from)) {
                    parts.add(StrValue.of(s.substring(from, at)));
                    from = at + sep.length();
                }
                parts.add(StrValue.of(s.substring(from)));
            }
        }
        Budget.charge(cx, s.length() + parts.size());
        Budget.allocate(cx, Budget.listCost(parts.size()) + Budget.strCost(s.length()));
        return ListValue.of(parts.toArray(new Value[0]));
    }

    private static Value lines(CallContext cx, Value[] a) {
        String s = str(cx, a);
        List<Value> parts = new ArrayList<>();
        int from = 0;
        while (from < s.length()) {
            int nl = s.indexOf('\n', from);
            int end = nl < 0 ? s.length() : nl;
            String line = s.substring(from, end);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            parts.add(StrValue.of(line));
            from = nl < 0 ? s.length() : nl + 1;
        }
        Budget.charge(cx, s.length() + parts.size());
        Budget.allocate(cx, Budget.listCost(parts.size()) + Budget.strCost(s.length()));
        return ListValue.of(parts.toArray(new Value[0]));
    }

    private static Value replace(CallContext cx, Value[] a) {
        String s = str(cx, a);
        String from = Args.string("replace", a[1]);
        String to = Args.string("replace", a[2]);
        if (!to.isEmpty()) {
            double grows = (double) Text.count(s, from) * Math.max(0, to.length() - from.length());
            Budget.reserveStr(cx, "replace", s.length() + grows);
        }
        String r = Text.replace(s, from, to);
        Budget.charge(cx, r.length());
        if (to.isEmpty()) Budget.allocate(cx, Budget.strCost(r.length()));
        return StrValue.of(r);
    }

    private static Value pad(CallContext cx, String fn, Value[] a, boolean start) {
        StrValue s = recv(a);
        long width = Args.integer(fn, a[1]);
        String fill = a.length > 2 ? Args.string(fn, a[2]) : " ";
        int len = s.charLength();
        if (width <= len || fill.isEmpty()) return s;
        int[] fillCps = fill.codePoints().toArray();
        long extra = width - len;
        // the result's UTF-16 length: a fill character past U+FFFF takes two units, so width alone undercounts
        double units = s.javaLength() + (double) (extra / fillCps.length) * fill.length()
                + fill.offsetByCodePoints(0, (int) (extra % fillCps.length));
        Budget.reserveStr(cx, fn, units);
        Budget.charge(cx, width);
        StringBuilder sb = new StringBuilder((int) units);
        if (!start) sb.append(s.str());
        for (long k = 0; k < extra; k++) sb.appendCodePoint(fillCps[(int) (k % fillCps.length)]);
        if (start) sb.append(s.str());
        return StrValue.of(sb.toString());
    }

    /** {@code s} repeated {@code n} times, refusing results that exceed the memory limit. */
    static Value repeat(CallContext cx, String fn, StrValue s, long n) {
        if (n == 0 || s.javaLength() == 0) return StrValue.EMPTY;
        double chars = (double) s.javaLength() * n;
        Budget.reserveStr(cx, fn, chars);
        Budget.charge(cx, (long) chars);
        return StrValue.of(s.str().repeat((int) n));
    }

    /** Parses like Rust's {@code str::parse::<i64>}; the exception message is Rust's error text. */
    static long parseInt(String s) {
        if (s.isEmpty()) throw new NumberFormatException("cannot parse integer from empty string");
        int i = 0;
        boolean neg = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            neg = s.charAt(0) == '-';
            i = 1;
            if (s.length() == 1) throw new NumberFormatException("invalid digit found in string");
        }
        long v = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new NumberFormatException("invalid digit found in string");
            int d = c - '0';
            try {
                v = Math.addExact(Math.multiplyExact(v, 10), neg ? -d : d);
            } catch (ArithmeticException e) {
                throw new NumberFormatException(neg ? "number too small to fit in target type"
                        : "number too large to fit in target type");
            }
        }
        return v;
    }

    /**
     * Whether {@code s} is a decimal float literal {@code [+-]?(digits[.digits?] | .digits)([eE][+-]?digits)?},
     * checked in one linear pass (a regular expression here backtracks quadratically on long digit runs).
     */
    static boolean isDecimalFloat(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) return false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) return false;
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Parses like Rust's {@code str::parse::<f64>} (decimal, exponent, inf, infinity, nan). */
    static double parseFloat(String s) {
        if (s.isEmpty()) throw new NumberFormatException("cannot parse float from empty string");
        if (isDecimalFloat(s)) return Double.parseDouble(s);
        String body = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        boolean neg = s.startsWith("-");
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (lower.equals("nan")) return Double.NaN;
        throw new NumberFormatException("invalid float literal");
    }
}
