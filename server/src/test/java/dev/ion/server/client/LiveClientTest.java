package dev.ion.server.client;

import dev.ion.client.IonClient;
import dev.ion.client.RunStream;
import dev.ion.server.testing.LiveServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The one server and client a test class of the Java client shares, started before its first test and closed after its last. */
abstract class LiveClientTest {
    static LiveServer live;
    static IonClient ion;

    @BeforeAll
    static void start() {
        live = new LiveServer();
        ion = live.client();
    }

    @AfterAll
    static void stop() {
        ion.close();
        live.close();
    }

    /** What the stream's result failed with, within a minute. */
    static Throwable failure(RunStream s) throws Exception {
        try {
            s.result().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the stream did not fail");
    }
}
