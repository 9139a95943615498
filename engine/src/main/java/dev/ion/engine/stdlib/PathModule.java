package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.CallContext;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.TupleValue;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code path} module: pure, lexical manipulation of '/'-separated paths (no file system).
 * The reference's members ({@code sep join parent basename stem extension with_extension is_absolute
 * is_relative components normalize}) return strings, {@code ""} where Rust's {@code Path} has nothing;
 * {@code file_name} keeps Rust's Option, and {@code SEP dirname split} follow Python's {@code os.path}.
 */
final class PathModule {
    private PathModule() {
    }

    static ModuleValue create() {
        return new ModuleBuilder("path")
                .value("sep", StrValue.of("/"))
                .value("SEP", StrValue.of("/"))
                .fn("join", 1, Args.MANY, (cx, a) -> {
                    Value[] parts = a.length == 1 && a[0] instanceof ListValue l ? l.toArray() : a;
                    StringBuilder sb = new StringBuilder();
                    Budget.charge(cx, parts.length);
                    long max = cx.limits().maxMemoryBytes() / 2;
                    for (Value p : parts) {
                        String s = Args.string("join", p);
                        Budget.scan(cx, s.length()); // copied, even if a later absolute part drops it
                        if (s.startsWith("/")) sb.setLength(0);
                        else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '/') sb.append('/');
                        sb.append(s);
                        // parts may all be one long string: stop at the limit, not at the JVM's
                        if (sb.length() > max) throw IonException.limit("max_memory_bytes", cx.limits().maxMemoryBytes());
                    }
                    return str(cx, sb.toString());
                })
                .fn("parent", 1, 1, (cx, a) -> str(cx, orEmpty(parent(arg(cx, "parent", a[0])))))
                .fn("dirname", 1, 1, (cx, a) -> str(cx, dirname(arg(cx, "dirname", a[0]))))
                .fn("file_name", 1, 1, (cx, a) -> opt(cx, fileName(arg(cx, "file_name", a[0]))))
                .fn("basename", 1, 1, (cx, a) -> str(cx, orEmpty(fileName(arg(cx, "basename", a[0])))))
                .fn("extension", 1, 1, (cx, a) -> {
                    String[] se = stemExt(fileName(arg(cx, "extension", a[0])));
                    return str(cx, se == null ? "" : orEmpty(se[1]));
                })
                .fn("stem", 1, 1, (cx, a) -> {
                    String[] se = stemExt(fileName(arg(cx, "stem", a[0])));
                    return str(cx, se == null ? "" : se[0]);
                })
                .fn("with_extension", 2, 2, (cx, a) -> {
                    String p = trimTrailing(arg(cx, "with_extension", a[0]));
                    String ext = Args.string("with_extension", a[1]);
                    String name = fileName(p);
                    if (name == null) return str(cx, p);
                    String[] se = stemExt(name);
                    String base = p.substring(0, p.length() - name.length()) + se[0];
                    return str(cx, ext.isEmpty() ? base : base + "." + ext);
                })
                .fn("is_absolute", 1, 1, (cx, a) -> BoolValue.of(Args.string("is_absolute", a[0]).startsWith("/")))
                .fn("is_relative", 1, 1, (cx, a) -> BoolValue.of(!Args.string("is_relative", a[0]).startsWith("/")))
                .fn("normalize", 1, 1, (cx, a) -> str(cx, normalize(arg(cx, "normalize", a[0]))))
                .fn("components", 1, 1, (cx, a) -> {
                    List<String> parts = components(arg(cx, "components", a[0]));
                    Value[] out = new Value[parts.size()];
                    for (int i = 0; i < out.length; i++) out[i] = StrValue.of(parts.get(i));
                    return ListMethods.fresh(cx, out);
                })
                .fn("split", 1, 1, (cx, a) -> {
                    String p = arg(cx, "split", a[0]);
                    return TupleValue.of(StrValue.of(dirname(p)), StrValue.of(p.substring(p.lastIndexOf('/') + 1)));
                })
                .build();
    }

    private static String arg(CallContext cx, String fn, Value v) {
        String s = Args.string(fn, v);
        Budget.charge(cx, s.length());
        return s;
    }

    private static Value str(CallContext cx, String s) {
        Budget.allocate(cx, Budget.strCost(s.length()));
        return StrValue.of(s);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Value opt(CallContext cx, String s) {
        return s == null ? OptionValue.NONE : OptionValue.some(str(cx, s));
    }

    /** Drops trailing separators and trailing "." components, keeping a lone root. */
    private static String trimTrailing(String p) {
        // one pass over an end index: copying the rest at each "/." made "a/./././…" quadratic
        int end = p.length();
        while (true) {
            while (end > 1 && p.charAt(end - 1) == '/') end--;
            if (end > 1 && p.charAt(end - 1) == '.' && p.charAt(end - 2) == '/') {
                end -= 2;
                if (end == 0) return "/";
                continue;
            }
            return p.substring(0, end);
        }
    }

    /** Rust's {@code Path::parent}: None for "" and "/", "" for a single relative component. */
    static String parent(String p) {
        String s = trimTrailing(p);
        if (s.isEmpty() || s.equals("/")) return null;
        int slash = s.lastIndexOf('/');
        if (slash < 0) return "";
        String head = s.substring(0, slash);
        int end = head.length();
        while (end > 0 && head.charAt(end - 1) == '/') end--;
        return end == 0 ? "/" : head.substring(0, end);
    }

    /** Python's {@code os.path.dirname}. */
    static String dirname(String p) {
        String head = p.substring(0, p.lastIndexOf('/') + 1);
        if (!head.isEmpty() && !head.chars().allMatch(c -> c == '/')) {
            int end = head.length();
            while (end > 0 && head.charAt(end - 1) == '/') end--;
            head = head.substring(0, end);
        }
        return head;
    }

    /** Rust's {@code Path::file_name}: the last normal component, None for "", "/" or "..". */
    static String fileName(String p) {
        String s = trimTrailing(p);
        String last = s.substring(s.lastIndexOf('/') + 1);
        if (last.isEmpty() || last.equals("..") || last.equals(".")) return null;
        return last;
    }

    /** {stem, extension-or-null} of a file name, as Rust splits it; null when there is no file name. */
    static String[] stemExt(String name) {
        if (name == null) return null;
        int dot = name.lastIndexOf('.');
        if (dot <= 0) return new String[] {name, null};
        return new String[] {name.substring(0, dot), name.substring(dot + 1)};
    }

    /** Lexical normalisation: collapses separators, drops ".", resolves ".." where it can. */
    static String normalize(String p) {
        boolean abs = p.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) out.remove(out.size() - 1);
                else if (!abs) out.add("..");
            } else {
                out.add(part);
            }
        }
        String joined = String.join("/", out);
        if (abs) return "/" + joined;
        return joined.isEmpty() ? "." : joined;
    }

    /** Rust's {@code Path::components}: a leading "/" or ".", then the other parts without "." or empty ones. */
    static List<String> components(String p) {
        List<String> out = new ArrayList<>();
        if (p.startsWith("/")) out.add("/");
        else if (p.equals(".") || p.startsWith("./")) out.add(".");
        for (String part : p.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) out.add(part);
        }
        return out;
    }
}
