package dev.ion.server.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The log file a server process of an IT writes its output to, read while the process runs. */
final class LogFile {
    private LogFile() {
    }

    /** The lines written so far (none when the file does not exist yet or cannot be read). */
    static List<String> read(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The first line containing {@code fragment}, waiting up to {@code seconds} for it; null when none came. */
    static String waitForLine(Path log, String fragment, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            for (String l : read(log)) {
                if (l.contains(fragment)) return l;
            }
            Thread.sleep(20);
        }
        return null;
    }
}
