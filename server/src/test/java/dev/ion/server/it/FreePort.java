package dev.ion.server.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A loopback port free at the moment, for a process an IT starts to listen on. */
final class FreePort {
    private FreePort() {
    }

    static int find() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
