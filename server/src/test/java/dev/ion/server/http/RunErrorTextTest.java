package dev.ion.server.http;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import dev.ion.protocol.RunError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A run that failed inside the server (not in the script) reports it without the Java exception's class. */
class RunErrorTextTest {
    @Test
    void anInternalFailureLosesItsJavaClassName() {
        RunError e = RunSession.error(new IonException(ErrorKind.RUNTIME,
                "internal error: java.lang.IllegalStateException: the engine lost its place", 0, 0));
        assertThat(e.message()).isEqualTo("internal error: the engine lost its place");
        assertThat(RunSession.error(new IonException(ErrorKind.RUNTIME, "internal error: java.lang.NullPointerException",
                0, 0)).message()).isEqualTo("internal error: unexpected failure");
    }

    @Test
    void scriptErrorsKeepTheirText() {
        assertThat(RunSession.error(IonException.runtime("index 5 out of range for list.get")).message())
                .isEqualTo("index 5 out of range for list.get");
    }
}
