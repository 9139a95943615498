package dev.ion.server.client.examples;

import dev.ion.client.IonClient;
import dev.ion.client.RunResult;
import dev.ion.client.ScriptFailedException;
import dev.ion.client.ServerUnavailableException;

/** Runs two scripts and waits for each: one that succeeds, one that fails. */
public final class RunScript {
    public static void main(String[] args) {
        String server = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        try (IonClient ion = IonClient.builder().baseUrl(server).build()) {
            RunResult r = ion.run("print(\"hi\"); [1, 2] + [3]");
            System.out.print(r.output());
            System.out.println(r.status() + " " + r.value() + " as JSON " + r.json());

            try {
                ion.runOrThrow("fn half(n) {\n    assert(n % 2 == 0, f\"{n} is odd\")\n    n / 2\n}\nhalf(7)");
            } catch (ScriptFailedException e) {
                System.out.println(e.kind() + " error at " + e.line() + ":" + e.column() + ": " + e.errorMessage());
                e.trace().forEach(t -> System.out.println("    at " + t.function() + " line " + t.line()));
            } catch (ServerUnavailableException e) {
                System.out.println("no server at " + server + ": " + e.getMessage());
            }
        }
    }
}
