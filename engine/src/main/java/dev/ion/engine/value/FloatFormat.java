package dev.ion.engine.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Formats floats as the shortest decimal that reads back to the same double, never in exponent form. */
public final class FloatFormat {
    private FloatFormat() {
    }

    public static String format(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        String s = Double.toString(d);
        if (s.indexOf('E') < 0 && s.length() <= 16) {
            return s;
        }
        BigDecimal shortest = shortest(d, s);
        String plain = shortest.stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    /** Double.toString before Java 19 sometimes gives one digit more than needed; trim while it still round-trips. */
    private static BigDecimal shortest(double d, String javaForm) {
        BigDecimal best = new BigDecimal(javaForm);
        int precision = best.precision();
        BigDecimal exact = new BigDecimal(d);
        for (int p = precision - 1; p >= 1; p--) {
            BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() != d) break;
            best = candidate;
        }
        return best;
    }
}
