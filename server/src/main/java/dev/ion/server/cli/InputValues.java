package dev.ion.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ion.engine.HostValues;
import dev.ion.engine.IonException;
import dev.ion.engine.Value;
import dev.ion.protocol.Codec;
import dev.ion.protocol.ProtocolException;
import dev.ion.protocol.ScriptNumbers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one parser of the values {@code ion run} and {@code ion submit} feed to a script's {@code input}
 * receiver: {@code --input} texts and {@code --input-file} lines (blank lines skipped) are read by the
 * protocol's codec and number rule, as the server reads a client's input, and must also make engine values,
 * so a value one command refuses the other refuses too, with the same message, before the script starts.
 */
final class InputValues {
    private static final Codec CODEC = new Codec();

    private final List<JsonNode> json = new ArrayList<>();
    private final List<Value> values = new ArrayList<>();

    /** Thrown for a value that is not one usable JSON value; its message is the complete line to print. */
    static final class BadInputException extends Exception {
        BadInputException(String message) {
            super(message, null, false, false);
        }
    }

    /** The values as JSON, for a request to a server. */
    List<JsonNode> json() {
        return json;
    }

    /** The same values as engine values, for a local run. */
    List<Value> values() {
        return values;
    }

    /** Adds the value of one {@code --input} argument. */
    void addArgument(String text) throws BadInputException {
        try {
            add(text);
        } catch (IllegalArgumentException e) {
            String hint = looksLikeAFile(text) ? " (to read values from a file, use --input-file " + text + ")" : "";
            throw new BadInputException("ion: bad --input '" + text + "': " + e.getMessage() + hint);
        }
    }

    /** Adds the values of {@code text}, one per non-blank line; {@code file} names it in errors. */
    void addLines(String file, String text) throws BadInputException {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) continue;
            try {
                add(line);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("ion: bad input " + file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
    }

    private static boolean looksLikeAFile(String text) {
        try {
            return "-".equals(text) || Files.isRegularFile(Path.of(text));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private void add(String text) {
        if (text.isBlank()) throw new IllegalArgumentException("no JSON value");
        JsonNode node;
        Value value;
        try {
            node = CODEC.tree(text.getBytes(StandardCharsets.UTF_8));
            ScriptNumbers.check(node, "");
            value = HostValues.fromJson(node.toString());
        } catch (ProtocolException | IonException e) {
            String reason = e.getMessage();
            // a value is one line: its column is all the place there is to give
            if (!text.contains("\n")) reason = reason.replace(" at line 1, column ", " at column ");
            throw new IllegalArgumentException(reason, e);
        }
        json.add(node);
        values.add(value);
    }
}
