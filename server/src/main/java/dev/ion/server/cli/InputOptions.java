package dev.ion.server.cli;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The input options {@code ion run} and {@code ion submit} share, so a script is given its {@code input}
 * the same way locally and on a server: {@code --input JSON} values first, in order, then the lines of
 * {@code --input-file FILE}; the input is closed after the last value.
 */
public final class InputOptions {
    @Option(names = "--input", paramLabel = "JSON", description = "A JSON value for the script's input receiver"
            + " (repeatable, in order).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--input-file", paramLabel = "FILE", description = "The JSON values of FILE, one per line (- for"
            + " standard input), after the --input values. The input is closed after the last value.")
    String inputFile;

    /** Whether either option was given (without them a local script has no {@code input}). */
    boolean given() {
        return !inputs.isEmpty() || inputFile != null;
    }

    /** Reads and parses the values; {@code script} is the script's FILE argument, which may also be {@code -}. */
    InputValues read(String script) throws InputValues.BadInputException, SourceFiles.UnreadableException {
        if ("-".equals(inputFile) && "-".equals(script)) {
            throw new InputValues.BadInputException(
                    "ion: --input-file - and FILE - cannot both read standard input; put the script or the input in a file");
        }
        InputValues values = new InputValues();
        for (String text : inputs) values.addArgument(text);
        if (inputFile != null) values.addLines(SourceFiles.displayName(inputFile), SourceFiles.read(inputFile));
        return values;
    }
}
