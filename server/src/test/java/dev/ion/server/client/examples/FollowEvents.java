package dev.ion.server.client.examples;

import dev.ion.client.EventStream;
import dev.ion.client.IonClient;
import dev.ion.client.RunEvent;
import dev.ion.client.RunHandle;

import java.util.Map;

/** Starts a run without waiting, sends it a value over HTTP and follows its Server-Sent Events to the end. */
public final class FollowEvents {
    public static void main(String[] args) {
        String server = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        try (IonClient ion = IonClient.builder().baseUrl(server).build()) {
            RunHandle run = ion.start("for i in 1..=2 { print(i) }; input.recv()");
            run.send(Map.of("name", "ion"));
            try (EventStream events = run.events()) {
                for (RunEvent e : events) {
                    if (e instanceof RunEvent.Output o) {
                        System.out.print(e.seq() + " output " + o.text());
                    } else if (e instanceof RunEvent.Recv r) {
                        System.out.println(e.seq() + " recv " + r.value());
                    } else if (e instanceof RunEvent.Finished f) {
                        System.out.println(e.seq() + " " + f.status() + " " + f.value());
                    } else {
                        System.out.println(e.seq() + " " + e.getClass().getSimpleName());
                    }
                }
            }
        }
    }
}
