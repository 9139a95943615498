package dev.ion.server.cluster;

import dev.ion.protocol.ErrorCode;
import dev.ion.protocol.ProtocolException;
import dev.ion.server.wire.ApiError;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Carries an {@link ApiError} from the node that runs a run back to the node that forwarded
 * the request, so that the client gets the same status, error code, message and headers as
 * if it had asked the owner itself. A bus failure that is not the owner's answer (no handler,
 * timeout) becomes {@code null} here and is judged by the caller.
 */
final class BusErrors {
    private BusErrors() {
    }

    /** Answers {@code message} with {@code failure} as a structured error. */
    static void fail(Message<?> message, Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        ApiError e = t instanceof ApiError a ? a
                : t instanceof ProtocolException p ? new ApiError(p.code(), p.getMessage())
                : new ApiError(ErrorCode.INTERNAL, "internal error");
        JsonObject headers = new JsonObject();
        e.headers().forEach(headers::put);
        message.fail(e.code().httpStatus(), new JsonObject().put("code", e.code().name()).put("message", e.getMessage())
                .put("headers", headers).encode());
    }

    /** The owner's error carried by {@code failure}, or null when the owner did not answer at all. */
    static ApiError of(Throwable failure) {
        if (!(failure instanceof ReplyException r) || r.failureType() != ReplyFailure.RECIPIENT_FAILURE) return null;
        try {
            JsonObject body = new JsonObject(r.getMessage());
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            body.getJsonObject("headers", new JsonObject()).forEach(en -> headers.put(en.getKey(), String.valueOf(en.getValue())));
            return new ApiError(ErrorCode.valueOf(body.getString("code")), body.getString("message"), headers);
        } catch (RuntimeException e) {
            return new ApiError(ErrorCode.INTERNAL, "internal error");
        }
    }
}
