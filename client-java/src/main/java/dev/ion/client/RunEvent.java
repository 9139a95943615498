package dev.ion.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ion.protocol.RunError;
import dev.ion.protocol.RunStats;
import dev.ion.protocol.RunStatus;

import java.util.Map;

/**
 * One event of a run as Server-Sent Events deliver it (PROTOCOL.md §2): {@code started},
 * then any number of {@code output}, {@code recv} and {@code select}, then one terminal
 * {@link Finished}. {@code seq} numbers a run's events 1, 2, 3, … with no gap; a
 * {@link Gap} says which events the server dropped from its history before this reader
 * got them.
 */
public sealed interface RunEvent {
    String run();

    /** The event's number within its run (0 for a {@link Gap}, which has none). */
    long seq();

    /** The run was accepted: {@code running}, or {@code queued} while it waits for a slot. */
    record Started(String run, long seq, RunStatus status, Map<String, Long> limits) implements RunEvent {
    }

    /** Text the script printed (one {@code print} is one event). */
    record Output(String run, long seq, String text) implements RunEvent {
    }

    /** Task {@code task} received a value on channel {@code channel} ({@code rx.recv()}, {@code input.recv()}). */
    record Recv(String run, long seq, long channel, int task, String value, JsonNode json) implements RunEvent {
    }

    /** A {@code select} finished: arm {@code arm} (from 0) won with {@code value}. */
    record Select(String run, long seq, int arm, String value, JsonNode json) implements RunEvent {
    }

    /**
     * The run's last event: it succeeded ({@code value}, {@code json} set), failed or was
     * cancelled ({@code error} set).
     */
    record Finished(String run, long seq, RunStatus status, String value, JsonNode json, RunError error,
                    RunStats stats) implements RunEvent {
        public boolean succeeded() {
            return status == RunStatus.SUCCEEDED;
        }
    }

    /** The events {@code from..to} were dropped from the server's history before this reader read them. */
    record Gap(String run, long from, long to) implements RunEvent {
        @Override
        public long seq() {
            return 0;
        }
    }
}
