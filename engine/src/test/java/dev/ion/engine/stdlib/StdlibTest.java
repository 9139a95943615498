package dev.ion.engine.stdlib;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import dev.ion.engine.Value;
import dev.ion.engine.value.BuiltinFn;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.ModuleValue;
import dev.ion.engine.value.NativeFn;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.TupleValue;
import org.junit.jupiter.api.BeforeEach;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Shared helpers: value builders and one-line calls of built-ins, methods and module functions. */
abstract class StdlibTest {
    TestContext cx;

    @BeforeEach
    void freshContext() {
        cx = new TestContext();
    }

    void limits(Limits l) {
        cx.limits = l;
    }

    // ---- values --------------------------------------------------------------------

    static Value i(long v) {
        return IntValue.of(v);
    }

    static Value f(double v) {
        return FloatValue.of(v);
    }

    static Value s(String v) {
        return StrValue.of(v);
    }

    static Value b(String latin1) {
        return BytesValue.of(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Value list(Value... items) {
        return ListValue.of(items);
    }

    static Value ints(long... items) {
        Value[] out = new Value[items.length];
        for (int k = 0; k < items.length; k++) out[k] = IntValue.of(items[k]);
        return ListValue.of(out);
    }

    static Value tuple(Value... items) {
        return TupleValue.of(items);
    }

    static Value some(Value v) {
        return OptionValue.some(v);
    }

    static final Value NONE = OptionValue.NONE;

    /** A dict from alternating key, value arguments. */
    static Value dict(Object... kv) {
        DictValue.Builder b = DictValue.builder();
        for (int k = 0; k < kv.length; k += 2) b.put((String) kv[k], (Value) kv[k + 1]);
        return b.build();
    }

    /** A callback for higher-order natives. */
    static BuiltinFn fn(Function<Value[], Value> body) {
        return new BuiltinFn("cb", (cx, a) -> body.apply(a));
    }

    // ---- calls ---------------------------------------------------------------------

    Value call(String builtin, Value... args) {
        Value f = Builtins.all().get(builtin);
        assertThat(f).as("builtin " + builtin).isInstanceOf(BuiltinFn.class);
        return cx.run(((BuiltinFn) f).body(), args);
    }

    Value m(Value receiver, String method, Value... args) {
        NativeFn f = Methods.find(receiver, method);
        assertThat(f).as(receiver.typeName() + "." + method).isNotNull();
        Value[] all = new Value[args.length + 1];
        all[0] = receiver;
        System.arraycopy(args, 0, all, 1, args.length);
        return cx.run(f, all);
    }

    Value mod(String module, String member, Value... args) {
        ModuleValue mv = Modules.get(module);
        assertThat(mv).as("module " + module).isNotNull();
        Value f = mv.member(member);
        assertThat(f).as(module + "::" + member).isInstanceOf(BuiltinFn.class);
        return cx.run(((BuiltinFn) f).body(), args);
    }

    String repr(Value v) {
        return v.repr();
    }

    /** The error an action raises. */
    static IonException error(Runnable action) {
        IonException e = catchThrowableOfType(IonException.class, action::run);
        assertThat(e).as("expected an IonException").isNotNull();
        return e;
    }

    static String errorMessage(Runnable action) {
        return error(action).getMessage();
    }

    static void assertLimit(Runnable action, String name) {
        IonException e = error(action);
        assertThat(e.kind()).isEqualTo(ErrorKind.LIMIT);
        assertThat(e.getMessage()).startsWith("limit exceeded: " + name);
    }
}
