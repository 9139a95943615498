package dev.ion.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads scripts as strict UTF-8 from a file (or stdin for "-"), with the CLI's "cannot read" message on failure. */
final class SourceFiles {
    private SourceFiles() {
    }

    /** Thrown when a script cannot be read; its message is the complete line to print. */
    static final class UnreadableException extends Exception {
        UnreadableException(String file, String reason) {
            super("ion: cannot read " + file + ": " + reason, null, false, false);
        }
    }

    /** The name errors should use for {@code file}: the argument as given, or {@code <stdin>}. */
    static String displayName(String file) {
        return "-".equals(file) ? "<stdin>" : file;
    }

    static String read(String file) throws UnreadableException {
        try {
            byte[] bytes = "-".equals(file) ? readAll(System.in) : Files.readAllBytes(Path.of(file));
            return decode(bytes);
        } catch (CharacterCodingException e) {
            throw new UnreadableException(file, "not valid UTF-8");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new UnreadableException(file, reason(file, e));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        String s = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static String reason(String file, Exception e) {
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (Files.isDirectory(Path.of(file))) return "is a directory";
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
