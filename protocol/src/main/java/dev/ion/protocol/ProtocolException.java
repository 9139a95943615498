package dev.ion.protocol;

/** A request or frame the protocol rejects, with the {@link ErrorCode} to answer with. */
public class ProtocolException extends RuntimeException {
    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
