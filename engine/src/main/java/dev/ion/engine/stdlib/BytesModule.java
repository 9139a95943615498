package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.Printer;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.StrValue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The {@code bytes} module: constructors, hex/base64 decoding and fixed-width integer encoders. */
final class BytesModule {
    private BytesModule() {
    }

    static ModuleValue create() {
        ModuleBuilder m = new ModuleBuilder("bytes")
                .fn("new", 0, 0, (cx, a) -> BytesValue.EMPTY)
                .fn("zeroed", 1, 1, (cx, a) -> {
                    long n = Args.count("zeroed", a[0]);
                    Budget.reserveBytes(cx, "zeroed", n);
                    Budget.charge(cx, n);
                    return BytesValue.of(new byte[(int) n]);
                })
                .fn("repeat", 2, 2, (cx, a) -> {
                    byte[] unit = a[0] instanceof BytesValue b ? b.toArray()
                            : a[0] instanceof IntValue ? new byte[] {(byte) BytesMethods.byteValue("repeat", a[0])} : null;
                    if (unit == null) throw Args.expected("repeat", "bytes or an int", a[0]);
                    return BytesMethods.repeat(cx, "repeat", unit, Args.count("repeat", a[1]));
                })
                .fn("from_list", 1, 1, (cx, a) -> BytesMethods.fresh(cx, BytesMethods.fromList(cx, "from_list", a[0])))
                .fn("from_str", 1, 1, (cx, a) ->
                        BytesMethods.fresh(cx, Args.string("from_str", a[0]).getBytes(StandardCharsets.UTF_8)))
                .fn("from_hex", 1, 1, (cx, a) -> fromHex(cx, "from_hex", a[0]))
                .fn("from_base64", 1, 1, (cx, a) -> fromBase64(cx, a[0]))
                .fn("concat", 0, Args.MANY, (cx, a) -> {
                    Value[] parts = a.length == 1 && a[0] instanceof ListValue l ? l.toArray() : a;
                    return join(cx, "concat", parts, new byte[0]);
                })
                .fn("join", 1, 2, (cx, a) -> join(cx, "join", Args.list("join", a[0]).toArray(),
                        a.length > 1 ? Args.bytes("join", a[1]).toArray() : new byte[0]));
        for (int width : new int[] {16, 32, 64}) {
            for (boolean signed : new boolean[] {false, true}) {
                for (boolean little : new boolean[] {true, false}) {
                    String name = (signed ? "i" : "u") + width + (little ? "_le" : "_be");
                    m.fn(name, 1, 1, (cx, a) -> encode(cx, name, Args.integer(name, a[0]), width / 8, signed, little));
                }
            }
        }
        return m.build();
    }

    private static Value join(CallContext cx, String fn, Value[] parts, byte[] sep) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        double total = 0;
        for (Value p : parts) total += Args.bytes(fn, p).size() + sep.length;
        Budget.reserveBytes(cx, fn, total);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) out.writeBytes(sep);
            BytesValue b = (BytesValue) parts[i];
            out.write(b.raw(), 0, b.size());
        }
        Budget.charge(cx, out.size() + parts.length);
        return BytesValue.of(out.toByteArray());
    }

    /** Decodes hex (either case) into {@code Ok(bytes)}, or {@code Err(message)}. */
    static Value fromHex(CallContext cx, String fn, Value arg) {
        String s = Args.string(fn, arg);
        Budget.charge(cx, s.length());
        if (s.length() % 2 != 0) return ResultValue.err(StrValue.of("invalid hex string: odd length " + s.length()));
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0 || s.charAt(i) > 'f') {
                return ResultValue.err(StrValue.of("invalid hex character " + StrValue.ofCodePoint(s.codePointAt(i)).repr()
                        + " at index " + i));
            }
            out[i / 2] = (byte) ((out[i / 2] << 4) | d);
        }
        Budget.allocate(cx, Budget.bytesCost(out.length));
        return ResultValue.ok(BytesValue.of(out));
    }

    /** Decodes standard or URL-safe base64 (padding optional) into {@code Ok(bytes)}, or {@code Err(message)}. */
    private static Value fromBase64(CallContext cx, Value arg) {
        String s = Args.string("from_base64", arg);
        Budget.charge(cx, s.length());
        boolean url = s.indexOf('-') >= 0 || s.indexOf('_') >= 0;
        int padding = s.length();
        while (padding > 0 && s.charAt(padding - 1) == '=') padding--;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean ok = ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9'
                    || (url ? ch == '-' || ch == '_' : ch == '+' || ch == '/') || ch == '=' && i >= padding;
            if (!ok) {
                return ResultValue.err(StrValue.of("invalid base64: invalid character "
                        + Printer.quote(String.valueOf(ch)) + " at index " + i));
            }
        }
        try {
            byte[] out = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(s);
            Budget.allocate(cx, Budget.bytesCost(out.length));
            return ResultValue.ok(BytesValue.of(out));
        } catch (IllegalArgumentException e) {
            return ResultValue.err(StrValue.of("invalid base64: invalid length or padding"));
        }
    }

    private static Value encode(CallContext cx, String fn, long v, int size, boolean signed, boolean little) {
        if (size < 8) {
            long lo = signed ? -(1L << (size * 8 - 1)) : 0;
            long hi = signed ? (1L << (size * 8 - 1)) - 1 : (1L << (size * 8)) - 1;
            if (v < lo || v > hi) throw IonException.runtime(fn + "() value " + v + " out of range for " + fn.substring(0, fn.indexOf('_')));
        } else if (!signed && v < 0) {
            throw IonException.runtime(fn + "() value " + v + " out of range for u64");
        }
        byte[] out = new byte[size];
        for (int k = 0; k < size; k++) {
            byte b = (byte) (v >>> (8 * k));
            out[little ? k : size - 1 - k] = b;
        }
        Budget.allocate(cx, Budget.bytesCost(size));
        return BytesValue.of(out);
    }
}
