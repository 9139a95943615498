package dev.ion.engine.stdlib;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.Printer;
import dev.ion.engine.value.ResultValue;

/** The methods of {@code Option} and {@code Result} (LANGUAGE.md §8), Rust-style. */
final class OptionResultMethods {
    private OptionResultMethods() {
    }

    private static final Value[] NO_ARGS = new Value[0];

    static final MethodTable OPTION = new MethodTable()
            .add("is_some", 0, 0, (cx, a) -> BoolValue.of(opt(a).isSome()))
            .add("is_none", 0, 0, (cx, a) -> BoolValue.of(!opt(a).isSome()))
            .add("unwrap", 0, 0, (cx, a) -> {
                if (opt(a).isSome()) return opt(a).value();
                throw IonException.runtime("called unwrap() on None");
            })
            .add("expect", 1, 1, (cx, a) -> {
                if (opt(a).isSome()) return opt(a).value();
                throw IonException.runtime(Printer.display(a[1]));
            })
            .add("unwrap_or", 1, 1, (cx, a) -> opt(a).isSome() ? opt(a).value() : a[1])
            .add("unwrap_or_else", 1, 1, (cx, a) -> {
                Value fn = Args.callable("unwrap_or_else", a[1]);
                if (opt(a).isSome()) return opt(a).value();
                return Callbacks.once(cx, fn, NO_ARGS, (cx2, r) -> r);
            })
            .add("map", 1, 1, (cx, a) -> {
                Value fn = Args.callable("map", a[1]);
                if (!opt(a).isSome()) return OptionValue.NONE;
                return Callbacks.once(cx, fn, new Value[] {opt(a).value()}, (cx2, r) -> OptionValue.some(r));
            })
            .add("and_then", 1, 1, (cx, a) -> {
                Value fn = Args.callable("and_then", a[1]);
                if (!opt(a).isSome()) return OptionValue.NONE;
                return Callbacks.once(cx, fn, new Value[] {opt(a).value()}, (cx2, r) -> r);
            })
            .add("or_else", 1, 1, (cx, a) -> {
                Value fn = Args.callable("or_else", a[1]);
                if (opt(a).isSome()) return a[0];
                return Callbacks.once(cx, fn, NO_ARGS, (cx2, r) -> r);
            })
            .add("filter", 1, 1, (cx, a) -> {
                Value fn = Args.callable("filter", a[1]);
                if (!opt(a).isSome()) return OptionValue.NONE;
                return Callbacks.once(cx, fn, new Value[] {opt(a).value()},
                        (cx2, r) -> r.truthy() ? a[0] : OptionValue.NONE);
            })
            .add("ok_or", 1, 1, (cx, a) -> opt(a).isSome() ? ResultValue.ok(opt(a).value()) : ResultValue.err(a[1]))
            .add("to_string", 0, 0, (cx, a) -> ListMethods.display(cx, a[0]));

    static final MethodTable RESULT = new MethodTable()
            .add("is_ok", 0, 0, (cx, a) -> BoolValue.of(res(a).isOk()))
            .add("is_err", 0, 0, (cx, a) -> BoolValue.of(!res(a).isOk()))
            .add("unwrap", 0, 0, (cx, a) -> {
                if (res(a).isOk()) return res(a).value();
                throw IonException.runtime("called unwrap() on Err: " + Printer.display(res(a).value()));
            })
            .add("unwrap_err", 0, 0, (cx, a) -> {
                if (!res(a).isOk()) return res(a).value();
                throw IonException.runtime("called unwrap_err() on Ok: " + Printer.display(res(a).value()));
            })
            .add("expect", 1, 1, (cx, a) -> {
                if (res(a).isOk()) return res(a).value();
                throw IonException.runtime(Printer.display(a[1]));
            })
            .add("unwrap_or", 1, 1, (cx, a) -> res(a).isOk() ? res(a).value() : a[1])
            .add("unwrap_or_else", 1, 1, (cx, a) -> {
                Value fn = Args.callable("unwrap_or_else", a[1]);
                if (res(a).isOk()) return res(a).value();
                return Callbacks.once(cx, fn, new Value[] {res(a).value()}, (cx2, r) -> r);
            })
            .add("map", 1, 1, (cx, a) -> {
                Value fn = Args.callable("map", a[1]);
                if (!res(a).isOk()) return a[0];
                return Callbacks.once(cx, fn, new Value[] {res(a).value()}, (cx2, r) -> ResultValue.ok(r));
            })
            .add("map_err", 1, 1, (cx, a) -> {
                Value fn = Args.callable("map_err", a[1]);
                if (res(a).isOk()) return a[0];
                return Callbacks.once(cx, fn, new Value[] {res(a).value()}, (cx2, r) -> ResultValue.err(r));
            })
            .add("and_then", 1, 1, (cx, a) -> {
                Value fn = Args.callable("and_then", a[1]);
                if (!res(a).isOk()) return a[0];
                return Callbacks.once(cx, fn, new Value[] {res(a).value()}, (cx2, r) -> r);
            })
            .add("or_else", 1, 1, (cx, a) -> {
                Value fn = Args.callable("or_else", a[1]);
                if (res(a).isOk()) return a[0];
                return Callbacks.once(cx, fn, new Value[] {res(a).value()}, (cx2, r) -> r);
            })
            .add("ok", 0, 0, (cx, a) -> res(a).isOk() ? OptionValue.some(res(a).value()) : OptionValue.NONE)
            .add("err", 0, 0, (cx, a) -> res(a).isOk() ? OptionValue.NONE : OptionValue.some(res(a).value()))
            .add("to_string", 0, 0, (cx, a) -> ListMethods.display(cx, a[0]));

    private static OptionValue opt(Value[] a) {
        return (OptionValue) a[0];
    }

    private static ResultValue res(Value[] a) {
        return (ResultValue) a[0];
    }
}
