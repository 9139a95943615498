package dev.ion.server;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure no command expected still ends with one line for the user and exit 70, not a Java stack trace. */
class UnexpectedFailureTest {
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("the disk is on fire");
        }
    }

    @Test
    void anUnexpectedExceptionIsOneLineWithoutClassNames() {
        CommandLine cl = Main.commandLine(new String[]{"boom"});
        cl.addSubcommand("boom", new Boom());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute("boom");
        assertThat(code).isEqualTo(70);
        assertThat(err.toString()).isEqualTo("ion: internal error: the disk is on fire"
                + " (set ION_DEBUG=1 to see where)\n");
    }
}
