package dev.ion.engine.value;

import dev.ion.engine.Value;

import java.security.SecureRandom;


/**
 * An immutable Unicode string. A long string built by repeated {@code +} shares one
 * growable buffer: appending to the newest view of a buffer extends it in place, so
 * {@code s = s + t} in a loop is amortised O(|t|). Older views keep seeing their prefix.
 */
public final class StrValue extends Value {
    private static final int BUFFER_THRESHOLD = 64;
    public static final StrValue EMPTY = new StrValue("");
    private static final StrValue[] ASCII = new StrValue[128];

    static {
        for (int i = 0; i < 128; i++) ASCII[i] = new StrValue(String.valueOf((char) i));
    }

    private String str;
    private final StringBuilder buffer;
    private final int length;
    private int codePoints = -1;
    private int hash;

    private StrValue(String s) {
        this.str = s;
        this.buffer = null;
        this.length = s.length();
    }

    private StrValue(StringBuilder buffer, int length) {
        this.buffer = buffer;
        this.length = length;
    }

    public static StrValue of(String s) {
        if (s.length() == 1 && s.charAt(0) < 128) return ASCII[s.charAt(0)];
        if (s.isEmpty()) return EMPTY;
        return new StrValue(s);
    }

    public static StrValue ofCodePoint(int cp) {
        return cp < 128 ? ASCII[cp] : new StrValue(new String(Character.toChars(cp)));
    }

    /** The Java string (materialised once for buffer-backed views). */
    public String str() {
        String s = str;
        if (s == null) {
            s = buffer.substring(0, length);
            str = s;
        }
        return s;
    }

    /** Length in UTF-16 units. */
    public int javaLength() {
        return length;
    }

    public StrValue concat(StrValue other) {
        int otherLen = other.length;
        if (otherLen == 0) return this;
        if (length == 0) return other;
        StringBuilder b = buffer;
        if (b != null && b.length() == length) {
            appendTo(other, b);
            return new StrValue(b, b.length());
        }
        long total = (long) length + otherLen;
        if (total < BUFFER_THRESHOLD) return new StrValue(str().concat(other.str()));
        Meter.copied(length, 2L * length);
        StringBuilder fresh = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8, total * 2));
        appendTo(this, fresh);
        appendTo(other, fresh);
        return new StrValue(fresh, fresh.length());
    }

    private static void appendTo(StrValue v, StringBuilder target) {
        if (v.str != null) target.append(v.str);
        else target.append(v.buffer, 0, v.length);
    }

    /** A hash seeded per JVM, so scripts cannot build keys that all collide (hash flooding). */
    public int seededHash() {
        int h = hash;
        if (h == 0) {
            h = seededHash(str());
            hash = h == 0 ? 1 : h;
        }
        return h;
    }

    /** Holds the per-JVM hash seed; loading {@code SecureRandom} costs start-up time, so only scripts that hash pay it. */
    private static final class Seed {
        static final long VALUE = new SecureRandom().nextLong();
    }

    /** Strings longer than this charge their hashing through {@link Meter}. */
    private static final int UNCHARGED_HASH = 64;

    /** Whether hashing this string charges nothing through {@link Meter} (the VM's fast loop may hash only those). */
    public boolean hashesUncharged() {
        return javaLength() <= UNCHARGED_HASH;
    }

    public static int seededHash(String s) {
        // a dict lookup hashes its key afresh each time: a long key is work in proportion to its length
        if (s.length() > UNCHARGED_HASH) Meter.spend(s.length() >> 4);
        long h = Seed.VALUE ^ s.length();
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        h ^= h >>> 32;
        return (int) h;
    }

    /** Number of Unicode scalar values. */
    public int charLength() {
        int n = codePoints;
        if (n < 0) {
            String s = str();
            n = s.codePointCount(0, s.length());
            codePoints = n;
        }
        return n;
    }

    public boolean isAscii() {
        return charLength() == length;
    }

    /** Byte length of the UTF-8 encoding. */
    public long utf8Length() {
        // (isAscii() only means "no surrogate pairs", so it cannot shortcut this)
        String s = str();
        long n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) n += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
        }
        return n;
    }

    /** The code point at character index {@code i} (0 ≤ i < charLength). */
    public int codePointAt(int i) {
        String s = str();
        if (isAscii()) return s.charAt(i);
        // past a character above U+FFFF, character i is found by walking from the start
        if (i > 64) Meter.spend(i >> 4);
        return s.codePointAt(s.offsetByCodePoints(0, i));
    }

    /** Characters {@code [from, to)} by character index, already clamped. */
    public StrValue substring(int from, int to) {
        String s = str();
        if (isAscii()) return of(s.substring(from, to));
        if (to > 64) Meter.spend(to >> 4); // found by walking from the start, as in codePointAt
        int a = s.offsetByCodePoints(0, from);
        int b = s.offsetByCodePoints(a, to - from);
        return of(s.substring(a, b));
    }

    @Override
    public String typeName() {
        return "string";
    }
}
