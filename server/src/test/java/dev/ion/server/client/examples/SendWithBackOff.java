package dev.ion.server.client.examples;

import dev.ion.client.IonClient;
import dev.ion.client.RunStream;
import dev.ion.client.SendQueueFullException;
import dev.ion.client.StreamListener;

/** Sends many values to a streaming run, backing off whenever the client's send queue is full. */
public final class SendWithBackOff {
    public static void main(String[] args) throws InterruptedException {
        String server = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        try (IonClient ion = IonClient.builder().baseUrl(server).maxQueuedSends(64).build()) {
            RunStream run = ion.stream("let mut n = 0; while let Some(v) = input.recv() { if v == 0 { break }; n += v }; n",
                    new StreamListener() { });
            for (int i = 500; i >= 0; i--) {   // 0 ends the sum
                while (true) {
                    try {
                        run.send(i);
                        break;
                    } catch (SendQueueFullException e) {
                        Thread.sleep(e.retryAfter().toMillis());   // the frames already queued go out meanwhile
                    }
                }
            }
            System.out.println("sum " + run.result().join().json());
        }
    }
}
