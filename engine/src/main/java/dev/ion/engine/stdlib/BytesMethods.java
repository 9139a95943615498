package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.TupleValue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** The methods of bytes (LANGUAGE.md §8), including fixed-width integer reads at an offset. */
final class BytesMethods {
    private BytesMethods() {
    }

    static final MethodTable TABLE = build();

    private static MethodTable build() {
        MethodTable t = new MethodTable()
                .add("len", 0, 0, (cx, a) -> IntValue.of(recv(a).size()))
                .add("is_empty", 0, 0, (cx, a) -> BoolValue.of(recv(a).size() == 0))
                .add("get", 1, 1, (cx, a) -> {
                    BytesValue b = recv(a);
                    long i = Args.integer("get", a[1]);
                    long j = i < 0 ? i + b.size() : i;
                    return j < 0 || j >= b.size() ? OptionValue.NONE : OptionValue.some(IntValue.of(b.get((int) j)));
                })
                .add("contains", 1, 1, (cx, a) -> BoolValue.of(indexOf(cx, recv(a), needle(cx, "contains", a[1]), 0) >= 0))
                .add("find", 1, 1, (cx, a) -> {
                    int i = indexOf(cx, recv(a), needle(cx, "find", a[1]), 0);
                    return i < 0 ? OptionValue.NONE : OptionValue.some(IntValue.of(i));
                })
                .add("count", 1, 1, (cx, a) -> {
                    BytesValue b = recv(a);
                    byte[] n = needle(cx, "count", a[1]);
                    if (n.length == 0) return IntValue.of(b.size() + 1L);
                    long c = 0;
                    for (int i = indexOf(cx, b, n, 0); i >= 0; i = indexOf(cx, b, n, i + n.length)) c++;
                    return IntValue.of(c);
                })
                .add("starts_with", 1, 1, (cx, a) -> {
                    BytesValue b = recv(a);
                    byte[] p = needle(cx, "starts_with", a[1]);
                    return BoolValue.of(p.length <= b.size() && Arrays.equals(b.raw(), 0, p.length, p, 0, p.length));
                })
                .add("ends_with", 1, 1, (cx, a) -> {
                    BytesValue b = recv(a);
                    byte[] p = needle(cx, "ends_with", a[1]);
                    int n = b.size();
                    return BoolValue.of(p.length <= n && Arrays.equals(b.raw(), n - p.length, n, p, 0, p.length));
                })
                .add("slice", 1, 2, (cx, a) -> {
                    BytesValue b = recv(a);
                    int lo = Args.bound(Args.integer("slice", a[1]), b.size());
                    int hi = a.length > 2 ? Args.bound(Args.integer("slice", a[2]), b.size()) : b.size();
                    return lo >= hi ? BytesValue.EMPTY : fresh(cx, Arrays.copyOfRange(b.raw(), lo, hi));
                })
                .add("bytes", 0, 0, (cx, a) -> fresh(cx, recv(a).toArray()))
                .add("split", 1, 1, BytesMethods::split)
                .add("replace", 2, 2, BytesMethods::replace)
                .add("reverse", 0, 0, (cx, a) -> {
                    byte[] d = recv(a).toArray();
                    for (int i = 0, j = d.length - 1; i < j; i++, j--) {
                        byte x = d[i];
                        d[i] = d[j];
                        d[j] = x;
                    }
                    return fresh(cx, d);
                })
                .add("repeat", 1, 1, (cx, a) -> repeat(cx, "repeat", recv(a).toArray(), Args.count("repeat", a[1])))
                .add("push", 1, 1, (cx, a) -> {
                    Budget.allocate(cx, 1);
                    return recv(a).push(byteValue("push", a[1]));
                })
                .add("extend", 1, 1, (cx, a) -> {
                    byte[] more = a[1] instanceof BytesValue o ? o.toArray() : fromList(cx, "extend", a[1]);
                    Budget.charge(cx, more.length);
                    Budget.allocate(cx, more.length);
                    return recv(a).append(more, 0, more.length);
                })
                .add("set", 2, 2, (cx, a) -> {
                    BytesValue b = recv(a);
                    int i = Args.index("set", Args.integer("set", a[1]), b.size());
                    byte[] d = b.toArray();
                    d[i] = (byte) byteValue("set", a[2]);
                    return fresh(cx, d);
                })
                .add("pop", 0, 0, (cx, a) -> {
                    BytesValue b = recv(a);
                    if (b.size() == 0) return TupleValue.of(b, OptionValue.NONE);
                    return TupleValue.of(fresh(cx, Arrays.copyOf(b.raw(), b.size() - 1)),
                            OptionValue.some(IntValue.of(b.get(b.size() - 1))));
                })
                .add("to_list", 0, 0, (cx, a) -> ListMethods.fresh(cx, Seq.elements(cx, "to_list", a[0])))
                .add("to_str", 0, 0, (cx, a) -> {
                    BytesValue b = recv(a);
                    Budget.charge(cx, b.size());
                    String err = utf8Error(b.raw(), b.size());
                    if (err != null) return ResultValue.err(StrValue.of(err));
                    String s = new String(b.raw(), 0, b.size(), StandardCharsets.UTF_8);
                    Budget.allocate(cx, Budget.strCost(s.length()));
                    return ResultValue.ok(StrValue.of(s));
                })
                .add("to_hex", 0, 0, (cx, a) -> {
                    BytesValue b = recv(a);
                    Budget.reserveStr(cx, "to_hex", 2.0 * b.size());
                    Budget.charge(cx, b.size());
                    return StrValue.of(HexFormat.of().formatHex(b.raw(), 0, b.size()));
                })
                .add("to_base64", 0, 0, (cx, a) -> {
                    BytesValue b = recv(a);
                    Budget.reserveStr(cx, "to_base64", (b.size() + 2) / 3 * 4.0);
                    Budget.charge(cx, b.size());
                    return StrValue.of(Base64.getEncoder().encodeToString(b.toArray()));
                })
                .add("to_string", 0, 0, (cx, a) -> ListMethods.display(cx, a[0]));
        for (int width : new int[] {16, 32, 64}) {
            for (boolean signed : new boolean[] {false, true}) {
                for (boolean little : new boolean[] {true, false}) {
                    String name = "read_" + (signed ? "i" : "u") + width + (little ? "_le" : "_be");
                    t.add(name, 1, 1, (cx, a) -> read(name, recv(a), Args.integer(name, a[1]), width / 8, signed, little));
                }
            }
        }
        return t;
    }

    static BytesValue recv(Value[] a) {
        return (BytesValue) a[0];
    }

    static BytesValue fresh(CallContext cx, byte[] data) {
        Budget.charge(cx, data.length);
        Budget.allocate(cx, Budget.bytesCost(data.length));
        return BytesValue.of(data);
    }

    /** An int in 0..=255. */
    static int byteValue(String fn, Value v) {
        long x = Args.integer(fn, v);
        if (x < 0 || x > 255) throw IonException.runtime(fn + "() expected a byte (0..=255), got " + x);
        return (int) x;
    }

    /** A byte pattern: bytes (a copy, charged: a search may be short but the copy is not), or a single int byte. */
    private static byte[] needle(CallContext cx, String fn, Value v) {
        if (v instanceof BytesValue b) {
            Budget.scan(cx, b.size());
            return b.toArray();
        }
        if (v instanceof IntValue) return new byte[] {(byte) byteValue(fn, v)};
        throw Args.expected(fn, "bytes or an int", v);
    }

    static int indexOf(CallContext cx, BytesValue b, byte[] n, int from) {
        int size = b.size();
        int at = Search.indexOf(b.raw(), size, n, from);
        Budget.charge(cx, 1 + (at < 0 ? size - from : at - from + 1) / 16);
        return at;
    }

    /** A list of ints in 0..=255 as a byte array. */
    static byte[] fromList(CallContext cx, String fn, Value v) {
        Value[] items = Seq.elements(cx, fn, v);
        byte[] out = new byte[items.length];
        for (int i = 0; i < items.length; i++) out[i] = (byte) byteValue(fn, items[i]);
        return out;
    }

    static BytesValue repeat(CallContext cx, String fn, byte[] unit, long n) {
        if (n == 0 || unit.length == 0) return BytesValue.EMPTY;
        double total = (double) unit.length * n;
        Budget.reserveBytes(cx, fn, total);
        Budget.charge(cx, (long) total);
        byte[] out = new byte[(int) total];
        for (int i = 0; i < n; i++) System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        return BytesValue.of(out);
    }

    private static Value split(CallContext cx, Value[] a) {
        BytesValue b = recv(a);
        byte[] sep = needle(cx, "split", a[1]);
        if (sep.length == 0) throw IonException.runtime("split() separator must not be empty");
        List<Value> parts = new ArrayList<>();
        int from = 0;
        for (int at = indexOf(cx, b, sep, 0); at >= 0; at = indexOf(cx, b, sep, from)) {
            parts.add(BytesValue.of(Arrays.copyOfRange(b.raw(), from, at)));
            from = at + sep.length;
        }
        parts.add(BytesValue.of(Arrays.copyOfRange(b.raw(), from, b.size())));
        Budget.allocate(cx, Budget.listCost(parts.size()) + Budget.bytesCost(b.size()) + 16L * parts.size());
        return ListValue.of(parts.toArray(new Value[0]));
    }

    private static Value replace(CallContext cx, Value[] a) {
        BytesValue b = recv(a);
        byte[] from = needle(cx, "replace", a[1]);
        byte[] to = needle(cx, "replace", a[2]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] raw = b.raw();
        if (from.length == 0) {
            Budget.reserveBytes(cx, "replace", b.size() + (b.size() + 1.0) * to.length);
            out.writeBytes(to);
            for (int i = 0; i < b.size(); i++) {
                out.write(raw[i]);
                out.writeBytes(to);
            }
        } else {
            int from0 = 0;
            long count = 0;
            for (int at = indexOf(cx, b, from, 0); at >= 0; at = indexOf(cx, b, from, at + from.length)) count++;
            Budget.reserveBytes(cx, "replace", b.size() + count * (double) Math.max(0, to.length - from.length));
            for (int at = indexOf(cx, b, from, 0); at >= 0; at = indexOf(cx, b, from, from0)) {
                out.write(raw, from0, at - from0);
                out.writeBytes(to);
                from0 = at + from.length;
            }
            out.write(raw, from0, b.size() - from0);
        }
        Budget.charge(cx, out.size());
        return BytesValue.of(out.toByteArray());
    }

    private static Value read(String fn, BytesValue b, long offset, int size, boolean signed, boolean little) {
        if (offset < 0 || offset > b.size() - size) {
            return ResultValue.err(StrValue.of(fn + "() offset " + offset + " out of bounds for " + b.size() + " bytes"));
        }
        byte[] raw = b.raw();
        long v = 0;
        for (int k = 0; k < size; k++) {
            int idx = (int) offset + (little ? size - 1 - k : k);
            v = (v << 8) | (raw[idx] & 0xffL);
        }
        if (size < 8) {
            if (signed) {
                int shift = 64 - size * 8;
                v = (v << shift) >> shift;
            }
        } else if (!signed && v < 0) {
            return ResultValue.err(StrValue.of(fn + "() value " + Long.toUnsignedString(v) + " does not fit in an int"));
        }
        return ResultValue.ok(IntValue.of(v));
    }

    /** Null when the bytes are valid UTF-8, else an error text in the style of Rust's {@code Utf8Error}. */
    static String utf8Error(byte[] raw, int size) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw, 0, size);
        CharBuffer out = CharBuffer.allocate(1024);
        while (true) {
            CoderResult r = dec.decode(in, out, true);
            if (r.isOverflow()) {
                out.clear();
                continue;
            }
            if (r.isUnderflow()) {
                if (in.hasRemaining()) return "incomplete utf-8 byte sequence from index " + in.position();
                r = dec.flush(out);
                return null;
            }
            int at = in.position();
            if (r.isMalformed() && at + r.length() >= size && incompleteTail(raw, at, size)) {
                return "incomplete utf-8 byte sequence from index " + at;
            }
            return "invalid utf-8 sequence of " + r.length() + " bytes from index " + at;
        }
    }

    /** True when {@code raw[at..size)} is a valid but truncated UTF-8 prefix. */
    private static boolean incompleteTail(byte[] raw, int at, int size) {
        int lead = raw[at] & 0xff;
        int need = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xc2 && lead <= 0xdf ? 2 : 0;
        if (need == 0 || size - at >= need) return false;
        for (int i = at + 1; i < size; i++) if ((raw[i] & 0xc0) != 0x80) return false;
        if (at + 1 < size) {
            // the second byte is further restricted (no overlong forms, surrogates or values past U+10FFFF)
            int second = raw[at + 1] & 0xff;
            int lo = lead == 0xe0 ? 0xa0 : lead == 0xf0 ? 0x90 : 0x80;
            int hi = lead == 0xed ? 0x9f : lead == 0xf4 ? 0x8f : 0xbf;
            if (second < lo || second > hi) return false;
        }
        return true;
    }
}
