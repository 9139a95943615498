package dev.ion.engine.vm;

import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.engine.compile.Opcodes;
import dev.ion.engine.value.BoolValue;
import dev.ion.engine.value.BytesValue;
import dev.ion.engine.value.FloatValue;
import dev.ion.engine.value.IntValue;
import dev.ion.engine.value.ListValue;
import dev.ion.engine.value.StrValue;
import dev.ion.engine.value.Values;

/** The slow paths of the arithmetic, bitwise and comparison operators (LANGUAGE.md §3.4). */
final class Arith {
    private Arith() {
    }

    static IonException operands(String op, Value a, Value b) {
        return IonException.type("cannot apply '" + op + "' to " + a.typeName() + " and " + b.typeName());
    }

    static IonException overflow() {
        return IonException.runtime("integer overflow");
    }

    /** The general case of ADD, SUB, MUL, MOD, EQ and NE (the fast loop handles small ints). */
    static Value binary(Task t, int op, Value a, Value b) {
        return switch (op) {
            case Opcodes.ADD -> add(t, a, b);
            case Opcodes.SUB -> sub(a, b);
            case Opcodes.MUL -> mul(t, a, b);
            case Opcodes.MOD -> mod(a, b);
            case Opcodes.EQ -> BoolValue.of(Values.equal(a, b));
            case Opcodes.NE -> BoolValue.of(!Values.equal(a, b));
            default -> throw new IllegalArgumentException("not a binary opcode: " + op);
        };
    }

    static Value add(Task t, Value a, Value b) {
        if (a instanceof IntValue x && b instanceof IntValue y) {
            long r = x.value + y.value;
            if (((x.value ^ r) & (y.value ^ r)) < 0) throw overflow();
            return IntValue.of(r);
        }
        if (Values.isNumber(a) && Values.isNumber(b)) return FloatValue.of(a.asDouble() + b.asDouble());
        if (a instanceof StrValue s && b instanceof StrValue u) {
            long n = (long) s.javaLength() + u.javaLength();
            if (2 * n > t.run.limits.maxMemoryBytes() || n > Integer.MAX_VALUE - 16) throw t.memoryLimit();
            t.charge(u.javaLength() / 16);
            t.allocate(2L * u.javaLength());
            return s.concat(u);
        }
        if (a instanceof ListValue l && b instanceof ListValue m) {
            if (8L * (l.size() + (long) m.size()) > t.run.limits.maxMemoryBytes()) throw t.memoryLimit();
            t.charge(m.size());
            t.allocate(8L * m.size());
            return l.concat(m);
        }
        if (a instanceof BytesValue p && b instanceof BytesValue q) {
            if ((long) p.size() + q.size() > Math.min(t.run.limits.maxMemoryBytes(), Integer.MAX_VALUE - 16)) {
                throw t.memoryLimit();
            }
            t.charge(q.size() / 16);
            t.allocate(q.size());
            return p.concat(q);
        }
        throw operands("+", a, b);
    }

    static Value sub(Value a, Value b) {
        if (a instanceof IntValue x && b instanceof IntValue y) {
            long r = x.value - y.value;
            if (((x.value ^ y.value) & (x.value ^ r)) < 0) throw overflow();
            return IntValue.of(r);
        }
        if (Values.isNumber(a) && Values.isNumber(b)) return FloatValue.of(a.asDouble() - b.asDouble());
        throw operands("-", a, b);
    }

    static Value mul(Task t, Value a, Value b) {
        if (a instanceof IntValue x && b instanceof IntValue y) {
            long hi = Math.multiplyHigh(x.value, y.value);
            long lo = x.value * y.value;
            if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) throw overflow();
            return IntValue.of(lo);
        }
        if (Values.isNumber(a) && Values.isNumber(b)) return FloatValue.of(a.asDouble() * b.asDouble());
        if (a instanceof StrValue s && b instanceof IntValue n) return repeat(t, s, n.value);
        if (a instanceof IntValue n && b instanceof StrValue s) return repeat(t, s, n.value);
        throw operands("*", a, b);
    }

    private static Value repeat(Task t, StrValue s, long count) {
        if (count < 0) throw IonException.runtime("cannot repeat a string a negative number of times (" + count + ")");
        if (count == 0 || s.javaLength() == 0) return StrValue.EMPTY;
        long chars = (long) s.javaLength() * count;
        if (chars / count != s.javaLength()) throw t.memoryLimit();
        t.reserve(2 * chars);
        if (chars > Integer.MAX_VALUE - 16) throw t.memoryLimit();
        t.charge(chars / 16);
        return StrValue.of(s.str().repeat((int) count));
    }

    static Value div(Value a, Value b) {
        if (a instanceof IntValue x && b instanceof IntValue y) {
            if (y.value == 0) throw IonException.runtime("division by zero");
            if (x.value == Long.MIN_VALUE && y.value == -1) throw overflow();
            return IntValue.of(x.value / y.value);
        }
        if (Values.isNumber(a) && Values.isNumber(b)) return FloatValue.of(a.asDouble() / b.asDouble());
        throw operands("/", a, b);
    }

    static Value mod(Value a, Value b) {
        if (a instanceof IntValue x && b instanceof IntValue y) {
            if (y.value == 0) throw IonException.runtime("modulo by zero");
            if (y.value == -1) return IntValue.ZERO;
            return IntValue.of(x.value % y.value);
        }
        throw operands("%", a, b);
    }

    static Value neg(Value a) {
        if (a instanceof IntValue x) {
            if (x.value == Long.MIN_VALUE) throw overflow();
            return IntValue.of(-x.value);
        }
        if (a instanceof FloatValue f) return FloatValue.of(-f.value);
        throw IonException.type("cannot apply unary '-' to " + a.typeName());
    }

    static Value bitwise(int op, Value a, Value b) {
        if (!(a instanceof IntValue x) || !(b instanceof IntValue y)) {
            throw operands(bitName(op), a, b);
        }
        return switch (op) {
            case 0 -> IntValue.of(x.value & y.value);
            case 1 -> IntValue.of(x.value | y.value);
            case 2 -> IntValue.of(x.value ^ y.value);
            default -> {
                if (y.value < 0 || y.value >= 64) {
                    throw IonException.runtime("shift count out of range: " + y.value + " (must be 0..63)");
                }
                yield IntValue.of(op == 3 ? x.value << y.value : x.value >> y.value);
            }
        };
    }

    private static String bitName(int op) {
        return switch (op) {
            case 0 -> "&";
            case 1 -> "|";
            case 2 -> "^";
            case 3 -> "<<";
            default -> ">>";
        };
    }

    static BoolValue compare(int op, Value a, Value b) {
        int c;
        if (a instanceof IntValue x && b instanceof IntValue y) {
            c = Long.compare(x.value, y.value);
        } else if (Values.isNumber(a) && Values.isNumber(b)) {
            double x = a.asDouble();
            double y = b.asDouble();
            boolean r = switch (op) {
                case 0 -> x < y;
                case 1 -> x <= y;
                case 2 -> x > y;
                default -> x >= y;
            };
            return BoolValue.of(r);
        } else if (a instanceof StrValue s && b instanceof StrValue u) {
            c = Values.compareStrings(s, u);
        } else {
            String sym = switch (op) {
                case 0 -> "<";
                case 1 -> "<=";
                case 2 -> ">";
                default -> ">=";
            };
            throw operands(sym, a, b);
        }
        boolean r = switch (op) {
            case 0 -> c < 0;
            case 1 -> c <= 0;
            case 2 -> c > 0;
            default -> c >= 0;
        };
        return BoolValue.of(r);
    }
}
