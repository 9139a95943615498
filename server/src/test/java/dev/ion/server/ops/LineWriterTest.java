package dev.ion.server.ops;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Buffered log lines: in order, whole, in few writes, and none left behind by flush, close or a full buffer. */
class LineWriterTest {
    /** Records the bytes and counts the writes. */
    static final class Recorder extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public synchronized void write(int b) {
            writes.incrementAndGet();
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.incrementAndGet();
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void linesFromManyThreadsArriveWholeAndInEachThreadsOrderInFewWrites() throws Exception {
        Recorder r = new Recorder();
        LineWriter w = new LineWriter(new PrintStream(r, false), Duration.ofSeconds(1));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 2_000; i++) w.add(line("{\"thread\":" + id + ",\"i\":" + i + ",\"pad\":\"" + "x".repeat(i % 50) + "\"}"));
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        w.flush();
        List<String> lines = r.text().lines().toList();
        assertThat(lines).hasSize(8_000);
        int[] next = new int[4];
        for (String l : lines) {
            assertThat(l).matches("\\{\"thread\":\\d,\"i\":\\d+,\"pad\":\"x*\"}");
            int thread = l.charAt(10) - '0';
            int i = Integer.parseInt(l.substring(l.indexOf("\"i\":") + 4, l.indexOf(",\"pad\"")));
            assertThat(i).isEqualTo(next[thread]++);
        }
        // one write per batch, not per line (a batch is at most a second's lines)
        assertThat(r.writes.get()).isLessThan(100);
        w.close();
    }

    @Test
    void theWriterThreadWritesWithoutBeingAsked() throws Exception {
        Recorder r = new Recorder();
        try (LineWriter w = new LineWriter(new PrintStream(r, false), Duration.ofMillis(2))) {
            w.add(line("one"));
            w.add(line("two"));
            long until = System.nanoTime() + 30_000_000_000L;
            while (!r.text().equals("one\ntwo\n") && System.nanoTime() < until) Thread.sleep(1);
            assertThat(r.text()).isEqualTo("one\ntwo\n");
        }
    }

    @Test
    void closeWritesWhatIsPendingAndLaterLinesGoStraightThrough() {
        Recorder r = new Recorder();
        LineWriter w = new LineWriter(new PrintStream(r, false), Duration.ofSeconds(1));
        w.add(line("before"));
        w.close();
        assertThat(r.text()).isEqualTo("before\n");
        w.add(line("after"));
        assertThat(r.text()).isEqualTo("before\nafter\n");
    }

    @Test
    void aFullBufferIsWrittenByTheThreadAddingToIt() {
        Recorder r = new Recorder();
        try (LineWriter w = new LineWriter(new PrintStream(r, false), Duration.ofSeconds(1))) {
            byte[] big = line("y".repeat(999));
            int n = LineWriter.MAX_PENDING / big.length + 1;
            for (int i = 0; i < n; i++) w.add(big);
            // written before add returned, not a second later by the writer thread
            assertThat(r.bytes.size()).isGreaterThanOrEqualTo(LineWriter.MAX_PENDING);
        }
    }

    @Test
    void withoutAnIntervalEveryLineIsWrittenAtOnce() {
        Recorder r = new Recorder();
        LineWriter w = new LineWriter(new PrintStream(r, false), Duration.ZERO);
        w.add(line("a"));
        assertThat(r.text()).isEqualTo("a\n");
        w.add(line("b"));
        assertThat(r.text()).isEqualTo("a\nb\n");
        w.close();
    }

    @Test
    void warningsAndLifecycleLinesAreWrittenAtOnceAfterEverythingBefore() throws Exception {
        Recorder r = new Recorder();
        try (JsonLog log = new JsonLog(new PrintStream(r, false), true, Duration.ofSeconds(1))) {
            log.info("request", "path", "/v1/runs");
            log.warn("run ended by the server's hard deadline", "run", "run_1");
            List<String> lines = r.text().lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains("\"msg\":\"request\"");
            assertThat(lines.get(1)).contains("\"level\":\"warn\"");
            log.info("run finished", "run", "run_2");
            log.always("draining");
            assertThat(r.text().lines().toList()).hasSize(4).last().asString().contains("\"msg\":\"draining\"");
        }
    }
}
