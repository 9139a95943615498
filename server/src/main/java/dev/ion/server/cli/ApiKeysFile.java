package dev.ion.server.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The API keys of {@code ION_API_KEYS_FILE} / {@code --api-keys-file}: one key per line,
 * blank lines and lines starting with {@code #} ignored. A file keeps the keys out of the
 * environment and the command line, which is how Docker and Kubernetes secrets arrive.
 */
final class ApiKeysFile {
    private ApiKeysFile() {
    }

    /** The keys in {@code file}; an IllegalArgumentException naming the file when it is unreadable or holds none. */
    static List<String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw unreadable(file, "no such file");
        } catch (AccessDeniedException e) {
            throw unreadable(file, "permission denied");
        } catch (MalformedInputException e) {
            throw unreadable(file, "not UTF-8 text");
        } catch (IOException e) {
            throw unreadable(file, Files.isDirectory(file) ? "is a directory" : "unreadable");
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String key = lines.get(i).replace("\uFEFF", "").strip();
            if (key.isEmpty() || key.startsWith("#")) continue;
            if (key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("API keys file " + file + ", line " + (i + 1)
                        + ": a key cannot contain spaces (one key per line; lines starting with # are comments)");
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("API keys file " + file + " holds no key (one key per line;"
                    + " blank lines and lines starting with # are ignored)");
        }
        return keys;
    }

    private static IllegalArgumentException unreadable(Path file, String why) {
        return new IllegalArgumentException("cannot read API keys file " + file + ": " + why);
    }
}
