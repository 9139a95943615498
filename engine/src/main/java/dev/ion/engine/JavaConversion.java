package dev.ion.engine;

import dev.ion.engine.HostValues.HostEnum;
import dev.ion.engine.HostValues.HostStruct;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.DictValue;
import dev.ion.engine.value.EnumValue;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.HostTypes;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.OptionValue;
import dev.ion.engine.value.SetValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.StructValue;
import dev.ion.engine.value.TupleValue;
import dev.ion.engine.value.UnitValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Plain Java data to Ion values and back, for {@link HostValues}. */
final class JavaConversion {
    private JavaConversion() {
    }

    static Value fromJava(Object o) {
        if (o == null) return OptionValue.NONE;
        if (o instanceof Value v) return v;
        if (o instanceof Boolean b) return BoolValue.of(b);
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return IntValue.of(((Number) o).longValue());
        }
        if (o instanceof Double || o instanceof Float) return FloatValue.of(((Number) o).doubleValue());
        if (o instanceof BigInteger bi) return IntValue.of(bi.longValueExact());
        if (o instanceof BigDecimal bd) return FloatValue.of(bd.doubleValue());
        if (o instanceof CharSequence s) return StrValue.of(s.toString());
        if (o instanceof Character c) return StrValue.of(c.toString());
        if (o instanceof byte[] b) return BytesValue.of(b.clone());
        if (o instanceof HostStruct hs) {
            Map<String, Value> fields = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : hs.fields().entrySet()) fields.put(e.getKey(), fromJava(e.getValue()));
            return HostTypes.struct(hs.name(), fields);
        }
        if (o instanceof HostEnum he) {
            Value[] payload = new Value[he.payload().size()];
            for (int i = 0; i < payload.length; i++) payload[i] = fromJava(he.payload().get(i));
            return HostTypes.enumVariant(he.enumName(), he.variant(), payload);
        }
        if (o instanceof Optional<?> opt) return opt.isPresent() ? OptionValue.some(fromJava(opt.get())) : OptionValue.NONE;
        if (o instanceof Map<?, ?> m) {
            DictValue.Builder b = DictValue.builder();
            for (Map.Entry<?, ?> e : m.entrySet()) b.put(String.valueOf(e.getKey()), fromJava(e.getValue()));
            return b.build();
        }
        if (o instanceof Collection<?> c) {
            Value[] items = new Value[c.size()];
            int i = 0;
            for (Object x : c) items[i++] = fromJava(x);
            return ListValue.of(items);
        }
        if (o instanceof Object[] arr) {
            Value[] items = new Value[arr.length];
            for (int i = 0; i < arr.length; i++) items[i] = fromJava(arr[i]);
            return ListValue.of(items);
        }
        throw new IllegalArgumentException("cannot convert " + o.getClass().getName() + " to an Ion value");
    }

    static Object toJava(Value v) {
        if (v instanceof IntValue i) return i.value;
        if (v instanceof FloatValue f) return f.value;
        if (v instanceof BoolValue b) return b.value;
        if (v instanceof StrValue s) return s.str();
        if (v instanceof BytesValue b) return b.toArray();
        if (v instanceof UnitValue || v == OptionValue.NONE) return null;
        if (v instanceof OptionValue o) return toJava(o.value());
        if (v instanceof ListValue l) return toJavaList(l.asJavaList());
        if (v instanceof TupleValue t) return toJavaList(List.of(t.items()));
        if (v instanceof SetValue s) return toJavaList(new ArrayList<>(s.items()));
        if (v instanceof DictValue d) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : d.entries()) out.put(e.getKey(), toJava(e.getValue()));
            return out;
        }
        if (v instanceof StructValue s) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : s.fields().entrySet()) out.put(e.getKey(), toJava(e.getValue()));
            return new HostStruct(s.structName(), Collections.unmodifiableMap(out));
        }
        if (v instanceof EnumValue e) {
            return new HostEnum(e.enumName(), e.variant(),
                    Collections.unmodifiableList(toJavaList(List.of(e.payload()))));
        }
        return v.toString();
    }

    private static List<Object> toJavaList(List<Value> values) {
        List<Object> out = new ArrayList<>(values.size());
        for (Value x : values) out.add(toJava(x));
        return out;
    }
}
