package dev.ion.server.runs;

import dev.ion.engine.IonException;
import dev.ion.protocol.RunError;
import dev.ion.server.runs.RunSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A run that failed inside the server (not in the script) reports it without the Java exception's class. */
class RunErrorTextTest {
    @Test
    void anInternalFailureIsReportedAsSuchWithoutItsJavaDetails() {
        RunError engine = RunSession.error(IonException.internal());
        assertThat(engine.kind()).isEqualTo("internal");
        assertThat(engine.message()).isEqualTo("internal error");
    }

    @Test
    void scriptErrorsKeepTheirText() {
        assertThat(RunSession.error(IonException.runtime("index 5 out of range for list.get")).message())
                .isEqualTo("index 5 out of range for list.get");
    }
}
