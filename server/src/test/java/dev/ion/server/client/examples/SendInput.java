package dev.ion.server.client.examples;

import dev.ion.client.IonClient;
import dev.ion.client.RunEvent;
import dev.ion.client.RunStream;
import dev.ion.client.StreamListener;

import java.util.List;

/** Feeds a streaming script's input receiver, then closes it so the script can finish. */
public final class SendInput {
    public static void main(String[] args) {
        String server = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        try (IonClient ion = IonClient.builder().baseUrl(server).build()) {
            RunStream run = ion.stream("let mut n = 0; while let Some(xs) = input.recv() { n += xs.sum() }; n",
                    new StreamListener() {
                        @Override
                        public void onRecv(RunEvent.Recv e) {
                            System.out.println("the script received " + e.value());
                        }
                    });
            run.send(List.of(1, 2, 3));
            run.send(List.of(36));
            run.closeInput();
            System.out.println("sum " + run.result().join().json());
        }
    }
}
