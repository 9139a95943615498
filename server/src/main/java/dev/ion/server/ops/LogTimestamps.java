package dev.ion.server.ops;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The {@code ts} of log lines, exactly as {@link Instant#toString()} writes it
 * ({@code 2026-12-02T23:26:51.123456Z}: fraction in groups of three digits, none when
 * zero), without going through a {@code DateTimeFormatter} for every line: the part up to
 * the seconds is kept for the current second.
 */
final class LogTimestamps {
    /** The formatted second and its text up to the seconds, replaced together. */
    private record Second(long epochSecond, String text) {
    }

    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private LogTimestamps() {
    }

    static void appendNow(StringBuilder b) {
        append(b, Instant.now());
    }

    static void append(StringBuilder b, Instant t) {
        long sec = t.getEpochSecond();
        Second s = last;
        if (s.epochSecond != sec) {
            LocalDateTime d = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
            if (d.getYear() < 1000 || d.getYear() > 9999) {
                b.append(t);
                return;
            }
            s = new Second(sec, d.toString().length() == 16 ? d + ":00" : d.toString());
            last = s;
        }
        b.append(s.text);
        int nano = t.getNano();
        if (nano != 0) {
            b.append('.');
            if (nano % 1_000_000 == 0) digits(b, nano / 1_000_000, 3);
            else if (nano % 1_000 == 0) digits(b, nano / 1_000, 6);
            else digits(b, nano, 9);
        }
        b.append('Z');
    }

    /** {@code value} (below 10^width) in exactly {@code width} digits, zeros first. */
    private static void digits(StringBuilder b, int value, int width) {
        int p = 1;
        for (int i = 1; i < width; i++) p *= 10;
        for (; p > 0; p /= 10) b.append((char) ('0' + value / p % 10));
    }
}
