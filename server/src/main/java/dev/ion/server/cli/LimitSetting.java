package dev.ion.server.cli;

import dev.ion.engine.Limits;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** One {@code --limit NAME=VALUE} option, validated against {@link Limits#with(String, long)}. */
public record LimitSetting(String name, long value) {

    /** Applies this setting on top of {@code limits}. */
    public Limits applyTo(Limits limits) {
        return limits.with(name, value);
    }

    /** Parses {@code NAME=VALUE}; {@code _} separators are allowed in the value, as in Ion literals. */
    public static final class Converter implements ITypeConverter<LimitSetting> {
        @Override
        public LimitSetting convert(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new TypeConversionException("expected NAME=VALUE, e.g. fuel=1000000");
            }
            String name = text.substring(0, eq).trim();
            String digits = text.substring(eq + 1).trim().replace("_", "");
            long value;
            try {
                value = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("limit " + name + " needs an integer value, got '"
                        + text.substring(eq + 1) + "'");
            }
            try {
                Limits.unlimited().with(name, value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            return new LimitSetting(name, value);
        }
    }
}
