package dev.ion.protocol;

/** Every HTTP rejection's body: {@code {"error": {"code", "message"}}}. */
public record ErrorBody(Detail error) {
    /** The code (see {@link ErrorCode}) and a human-readable message. */
    public record Detail(String code, String message) {
    }

    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(new Detail(code.wire(), message));
    }
}
