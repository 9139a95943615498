package dev.ion.server.cli;

import dev.ion.protocol.UserText;

import java.net.BindException;
import java.util.Locale;

/**
 * Why {@code ion serve} could not start, worded for the operator: a failed bind names the
 * address and port and what to do about it; anything else is cleaned of Java names.
 */
record StartFailure(String message, int exitCode) {
    static StartFailure of(Throwable error, String host, int port) {
        String where = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("address already in use")) {
                return listen(where, "address already in use (is another server running? use --port)");
            }
            if (m.contains("permission denied") || m.contains("access denied")) {
                return listen(where, "permission denied (ports below 1024 need privileges; use --port)");
            }
            if (m.contains("cannot assign requested address")) {
                return listen(where, "this machine has no such address (use --host)");
            }
            if (t instanceof BindException) return listen(where, UserText.clean(t.getMessage(), "cannot bind"));
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return new StartFailure("cannot start: " + UserText.clean(root.getMessage(), "internal error"), ExitCodes.SOFTWARE);
    }

    private static StartFailure listen(String where, String why) {
        return new StartFailure("cannot listen on " + where + ": " + why, ExitCodes.UNAVAILABLE);
    }
}
