package dev.ion.loadtests.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small CSV file as the plots read it: a header row, then rows of plain fields (no quoting;
 * commas never occur in these names and numbers). Lines starting with {@code #} are comments,
 * so a table can say where its numbers come from.
 */
record CsvTable(Path file, List<String> header, List<List<String>> rows) {

    static CsvTable read(Path file) throws IOException {
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) continue;
            List<String> fields = Arrays.stream(line.split(",", -1)).map(String::trim).toList();
            if (header == null) {
                header = fields;
            } else if (fields.size() != header.size()) {
                throw new IllegalArgumentException(file + ", line " + lineNo + ": " + fields.size()
                        + " fields, the header has " + header.size());
            } else {
                rows.add(fields);
            }
        }
        if (header == null) throw new IllegalArgumentException(file + ": no header row");
        return new CsvTable(file, header, rows);
    }

    int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) throw new IllegalArgumentException(file + ": no column '" + name + "' (columns: " + String.join(", ", header) + ")");
        return i;
    }

    double number(List<String> row, int column) {
        try {
            return Double.parseDouble(row.get(column));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": '" + row.get(column) + "' in column '" + header.get(column)
                    + "' is not a number");
        }
    }
}
