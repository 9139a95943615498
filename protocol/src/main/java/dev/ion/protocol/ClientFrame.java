package dev.ion.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/** A frame a client sends on {@code /v1/ws}, told apart by its {@code type}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientFrame.Run.class, name = "run"),
        @JsonSubTypes.Type(value = ClientFrame.Send.class, name = "send"),
        @JsonSubTypes.Type(value = ClientFrame.CloseInput.class, name = "close-input"),
        @JsonSubTypes.Type(value = ClientFrame.Cancel.class, name = "cancel"),
        @JsonSubTypes.Type(value = ClientFrame.Ping.class, name = "ping")})
public sealed interface ClientFrame {
    /**
     * Starts a run; {@code ref} is the client's own tag, echoed in the {@code started}
     * frame (and in an {@code error} frame when the run is refused).
     */
    record Run(String ref, String source, Map<String, Long> limits, List<JsonNode> input) implements ClientFrame {
        public Run {
            if (source == null) throw new ProtocolException(ErrorCode.BAD_REQUEST, "missing field 'source'");
            RunRequest.checkInput(input);
        }
    }

    /** Sends a JSON value into run {@code run}'s {@code input} receiver. */
    record Send(String run, JsonNode value) implements ClientFrame {
        public Send {
            if (run == null) throw new ProtocolException(ErrorCode.BAD_REQUEST, "missing field 'run'");
            if (value == null) throw new ProtocolException(ErrorCode.BAD_REQUEST, "missing field 'value'");
            ScriptNumbers.check(value, "value");
        }
    }

    /** Closes run {@code run}'s {@code input} receiver: its {@code recv()} returns None once drained. */
    record CloseInput(String run) implements ClientFrame {
        public CloseInput {
            if (run == null) throw new ProtocolException(ErrorCode.BAD_REQUEST, "missing field 'run'");
        }
    }

    record Cancel(String run) implements ClientFrame {
        public Cancel {
            if (run == null) throw new ProtocolException(ErrorCode.BAD_REQUEST, "missing field 'run'");
        }
    }

    /** Application-level keep-alive for clients that cannot send WebSocket pings; answered by {@code pong}. */
    record Ping(String ref) implements ClientFrame {
    }
}
