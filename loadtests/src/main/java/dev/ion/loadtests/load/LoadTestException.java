package dev.ion.loadtests.load;

/** A load test that cannot be carried out (server unreachable, baseline did not start): exit 1 with its message. */
final class LoadTestException extends RuntimeException {
    LoadTestException(String message) {
        super(message);
    }
}
