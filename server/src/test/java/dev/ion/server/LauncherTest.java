package dev.ion.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./ion} launcher's first build: Maven runs in batch mode with colours off, and
 * whatever escape codes it prints anyway never reach the terminal or a log in front of the
 * server's JSON lines. A stand-in {@code mvn} records its arguments and prints escapes.
 */
class LauncherTest {
    @Test
    void theBuildRunsWithoutColoursAndItsEscapesAreStripped(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("repo"));
        Files.copy(Path.of("..", "ion"), root.resolve("ion"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path args = dir.resolve("mvn-args.txt");
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/usr/bin/env bash\n"
                + "printf '%s\\n' \"$@\" > '" + args + "'\n"
                + "printf 'MAVEN_OPTS=%s\\n' \"${MAVEN_OPTS:-}\" >> '" + args + "'\n"
                + "printf '\\033[0m\\033[0m\\033[1;31mbuild broke\\033[0m\\n'\n"
                + "printf '\\033[0m\\033[33mwarning\\033[m\\n' >&2\n"
                + "exit 3\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("ion").toString(), "eval", "1")
                .redirectErrorStream(true).directory(dir.toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process launcher = pb.start();
        String out = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(launcher.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(launcher.exitValue()).as(out).isNotZero();
        assertThat(out).contains("building ion.jar").contains("build broke").contains("warning");
        assertThat(out).as(out).doesNotContain("\u001b");
        String given = Files.readString(args);
        assertThat(given.lines()).contains("-B", "-Dstyle.color=never");
    }
}
