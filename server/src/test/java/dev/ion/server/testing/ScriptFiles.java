package dev.ion.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the scripts the command-line tests hand to {@code ion run}, {@code ion check} and {@code ion submit}. */
public final class ScriptFiles {
    private ScriptFiles() {
    }

    /** Writes {@code source} as UTF-8 to {@code dir/name} and returns the file's path as the command line takes it. */
    public static String write(Path dir, String name, String source) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, source, StandardCharsets.UTF_8);
        return p.toString();
    }
}
