package dev.ion.server.cli;

/** Process exit codes of the CLI (sysexits-style where one fits). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int TEST_FAILED = 1;
    public static final int USAGE = 2;
    public static final int COMPILE_ERROR = 65;
    /**
     * A service the command needs is unavailable (sysexits' EX_UNAVAILABLE): {@code ion serve}
     * cannot listen (the port is taken, not permitted, or the address is not this machine's);
     * {@code ion submit} cannot reach the server, the server refused it (connection refused or
     * lost, 401, 429, 503, a URL with no Ion server behind it) or did not answer in time.
     */
    public static final int UNAVAILABLE = 69;
    public static final int RUNTIME_ERROR = 70;
    public static final int SOFTWARE = 70;

    private ExitCodes() {
    }
}
