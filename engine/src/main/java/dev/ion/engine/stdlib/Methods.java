package dev.ion.engine.stdlib;

import dev.ion.engine.Value;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.CellValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.NativeFn;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.RangeValue;
import dev.ion.engine.value.ResultValue;
import dev.ion.engine.value.SetValue;
import dev.ion.engine.value.Signal;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.TupleValue;

import java.util.Set;

/**
 * Method dispatch for built-in value types: {@code receiver.name(args…)} runs the returned
 * native with {@code args[0]} = receiver. Every value has {@code to_string}.
 */
public final class Methods {
    private Methods() {
    }

    private static final MethodTable ANY = new MethodTable()
            .add("to_string", 0, 0, (cx, a) -> ListMethods.display(cx, a[0]));

    /** The method {@code name} of {@code receiver}'s type (arity-checked), or null when it has none. */
    public static NativeFn find(Value receiver, String name) {
        MethodTable t = table(receiver);
        NativeFn f = t == null ? null : t.find(name);
        if (f == null && !(receiver instanceof Signal)) f = ANY.find(name);
        return f;
    }

    /** The names of the methods of {@code receiver}'s type (for error messages and tooling). */
    public static Set<String> names(Value receiver) {
        MethodTable t = table(receiver);
        return t == null ? ANY.names() : t.names();
    }

    private static MethodTable table(Value receiver) {
        if (receiver instanceof StrValue) return StringMethods.TABLE;
        if (receiver instanceof ListValue) return ListMethods.TABLE;
        if (receiver instanceof DictValue) return DictMethods.TABLE;
        if (receiver instanceof TupleValue) return CollectionMethods.TUPLE;
        if (receiver instanceof SetValue) return CollectionMethods.SET;
        if (receiver instanceof RangeValue) return CollectionMethods.RANGE;
        if (receiver instanceof OptionValue) return OptionResultMethods.OPTION;
        if (receiver instanceof ResultValue) return OptionResultMethods.RESULT;
        if (receiver instanceof BytesValue) return BytesMethods.TABLE;
        if (receiver instanceof CellValue) return CellMethods.TABLE;
        if (receiver instanceof IntValue) return NumberMethods.INT;
        if (receiver instanceof FloatValue) return NumberMethods.FLOAT;
        return null;
    }
}
