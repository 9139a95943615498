package dev.ion.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * An event of a run, as a WebSocket frame or a Server-Sent Event ({@code id} = seq,
 * {@code event} = type, {@code data} = this JSON). Every event of a run carries the run id
 * and its per-run {@code seq} (1, 2, 3, … with no gap); a run's events are {@code started},
 * then any number of {@code output}/{@code recv}/{@code select}, then exactly one of
 * {@code result} or {@code error}. An {@code error} frame without a run answers a frame
 * the server could not act on (malformed, refused by admission, unknown run).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ServerFrame.Started.class, name = "started"),
        @JsonSubTypes.Type(value = ServerFrame.Output.class, name = "output"),
        @JsonSubTypes.Type(value = ServerFrame.Recv.class, name = "recv"),
        @JsonSubTypes.Type(value = ServerFrame.Select.class, name = "select"),
        @JsonSubTypes.Type(value = ServerFrame.Result.class, name = "result"),
        @JsonSubTypes.Type(value = ServerFrame.Error.class, name = "error"),
        @JsonSubTypes.Type(value = ServerFrame.Pong.class, name = "pong")})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerFrame {
    /** The run this frame belongs to, or null. */
    String run();

    /** The per-run sequence number (0 for frames that belong to no run). */
    long seq();

    /** The frame's {@code type} as it appears on the wire. */
    @JsonIgnore
    default String type() {
        return FrameTypes.NAMES.get(getClass());
    }

    /** Internal: the wire name of each frame class (mirrors {@link JsonSubTypes}). */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @interface TypeName {
        String value();
    }

    /** The run was accepted ({@code status} queued or running) with these effective limits. */
    @TypeName("started")
    record Started(String run, long seq, String ref, RunStatus status, Map<String, Long> limits,
                   Map<String, Map<String, Long>> clamped) implements ServerFrame {
        public Started(String run, long seq, String ref, RunStatus status, Map<String, Long> limits) {
            this(run, seq, ref, status, limits, null);
        }
    }

    /** Text the script printed. */
    @TypeName("output")
    record Output(String run, long seq, String text) implements ServerFrame {
    }

    /** Task {@code task} received {@code value} (repr; {@code json} when representable) on channel {@code channel}. */
    @TypeName("recv")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Recv(String run, long seq, long channel, int task, String value, JsonNode json) implements ServerFrame {
    }

    /** A {@code select} finished with arm {@code arm} (0-based) winning with {@code value}. */
    @TypeName("select")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Select(String run, long seq, int arm, String value, JsonNode json) implements ServerFrame {
    }

    /** The run succeeded with {@code value} (repr) and {@code json} when representable. */
    @TypeName("result")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(String run, long seq, RunStatus status, String value, JsonNode json, RunStats stats)
            implements ServerFrame {
    }

    /**
     * The run failed or was cancelled ({@code run} set, {@code error} a {@link RunError}),
     * or a client frame was rejected ({@code run} null or the run it named, {@code error}
     * an {@link ErrorBody.Detail} with {@code code} and {@code message}).
     */
    @TypeName("error")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String run, long seq, String ref, RunStatus status, Object error, RunStats stats)
            implements ServerFrame {
        public static Error rejected(String run, String ref, ErrorCode code, String message) {
            return new Error(run, 0, ref, null, new ErrorBody.Detail(code.wire(), message), null);
        }
    }

    /** Answers a client {@code ping} frame. */
    @TypeName("pong")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pong(String run, long seq, String ref) implements ServerFrame {
    }
}
