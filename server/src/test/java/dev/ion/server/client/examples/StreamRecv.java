package dev.ion.server.client.examples;

import dev.ion.client.IonClient;
import dev.ion.client.RunEvent;
import dev.ion.client.RunResult;
import dev.ion.client.RunStream;
import dev.ion.client.StreamListener;

/** Streams a script over the WebSocket and prints each value its rx.recv() receives, as it arrives. */
public final class StreamRecv {
    static final String SCRIPT = """
            let (tx, rx) = channel(1)
            async {
                spawn { for i in 1..=3 { sleep(100); tx.send(i * i) } tx.close() }
                while let Some(v) = rx.recv() { print(f"got {v}") }
            }
            "done"
            """;

    public static void main(String[] args) {
        String server = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        try (IonClient ion = IonClient.builder().baseUrl(server).build()) {
            RunStream run = ion.stream(SCRIPT, new StreamListener() {
                @Override
                public void onRecv(RunEvent.Recv e) {
                    System.out.println("recv " + e.value() + " (as JSON " + e.json() + ")");
                }

                @Override
                public void onOutput(RunEvent.Output e) {
                    System.out.print("printed " + e.text());
                }
            });
            RunResult result = run.result().join();
            System.out.println("result " + result.value());
        }
    }
}
