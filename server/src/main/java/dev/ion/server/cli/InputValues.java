package dev.ion.server.cli;

import dev.ion.engine.HostValues;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * The values {@code ion run --input FILE} feeds to the script's {@code input} receiver: one JSON value per
 * line of the file (blank lines skipped), parsed before the script starts so a bad line is a usage error.
 */
final class InputValues {
    private InputValues() {
    }

    /** Thrown for a line that is not one JSON value; its message is the complete line to print. */
    static final class BadInputException extends Exception {
        BadInputException(String file, int line, String reason) {
            super("ion: bad input " + file + ":" + line + ": " + reason, null, false, false);
        }
    }

    static List<Value> parse(String file, String text) throws BadInputException {
        List<Value> values = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) continue;
            try {
                values.add(HostValues.fromJson(line));
            } catch (IonException | IllegalArgumentException e) {
                throw new BadInputException(file, i + 1, e.getMessage());
            }
        }
        return values;
    }
}
