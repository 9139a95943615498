package dev.ion.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Collects the {@code .ion} files named by {@code ion test}'s arguments: files as given, directories recursively. */
final class TestFiles {
    private TestFiles() {
    }

    /** The scripts under {@code path} in sorted order, or a file itself; throws if the path cannot be read. */
    static List<Path> collect(Path path) throws SourceFiles.UnreadableException {
        if (Files.isRegularFile(path)) return List.of(path);
        if (!Files.isDirectory(path)) {
            throw new SourceFiles.UnreadableException(path.toString(),
                    Files.exists(path) ? "not a file or directory" : "no such file or directory");
        }
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> found = new ArrayList<>(walk
                    .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".ion"))
                    .toList());
            found.sort(null);
            return found;
        } catch (IOException | UncheckedIOException e) {
            throw new SourceFiles.UnreadableException(path.toString(), String.valueOf(e.getMessage()));
        }
    }
}
