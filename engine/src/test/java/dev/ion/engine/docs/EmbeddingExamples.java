package dev.ion.engine.docs;

import dev.ion.engine.Cancellable;
import dev.ion.engine.Engine;
import dev.ion.engine.ErrorKind;
import dev.ion.engine.EventLoop;
import dev.ion.engine.HostValues;
import dev.ion.engine.InputChannel;
import dev.ion.engine.IonException;
import dev.ion.engine.Limits;
import dev.ion.engine.Run;
import dev.ion.engine.RunListener;
import dev.ion.engine.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Java examples of docs/EMBEDDING.md as code that compiles. Each {@code // region NAME} is shown verbatim in
 * the document (EmbeddingDocTest checks that), and each method returns what its region computes so that the test
 * can check the results the document states.
 */
final class EmbeddingExamples {
    private EmbeddingExamples() {
    }

    static List<Object> quickStart() {
        // region quick-start
        StringBuilder out = new StringBuilder();
        Engine engine = new Engine().setOutputHandler(out::append);
        Value value = engine.eval("""
                let langs = ["Rust", "Python", "Java"];
                print(f"{len(langs)} languages")
                langs.map(|l| l.len()).sum()
                """);
        // out.toString() is "3 languages\n"; value.asLong() is 14
        // endregion
        return List.of(out.toString(), value.asLong());
    }

    static List<Object> limitsAndErrors() {
        // region limits-and-errors
        Engine engine = new Engine()
                .setOutputHandler(text -> { })
                .setLimits(Limits.builder().fuel(100_000).deadlineMs(2_000).maxOutputBytes(4_096).build());
        List<String> outcomes = new ArrayList<>();
        for (String source : List.of("loop { }", "[1, 2][5]", "let x = 1 +")) {
            try {
                engine.eval(source);
            } catch (IonException e) {
                outcomes.add(e.kind().label() + " at " + e.line() + ":" + e.column() + ": " + e.getMessage());
            }
        }
        // outcomes:
        //   limit at 1:1: limit exceeded: fuel (100000)
        //   runtime at 1:1: index out of bounds: index 5 but length is 2
        //   parse at 1:12: unexpected end of input
        // endregion
        return List.copyOf(outcomes);
    }

    static List<Object> values() {
        // region values
        Engine engine = new Engine();
        Value order = HostValues.fromJava(Map.of("sku", "pen", "qty", 3, "tags", List.of("blue", "sale")));
        Value parsed = HostValues.fromJson("{\"a\": [1, 2.5, null]}");
        Value result = engine.eval("(1, [2, 3], #{k: None}, Some(\"x\"))");
        // order.typeName() is "dict"; parsed.repr() is #{"a": [1, 2.5, None]}
        // result.toString() is (1, [2, 3], #{"k": None}, Some(x))  -- the display form print() uses
        // result.repr() is (1, [2, 3], #{"k": None}, Some("x"))
        // HostValues.toJava(result) is [1, [2, 3], {k=null}, x]
        // HostValues.toJson(result) is [1,[2,3],{"k":null},"x"]
        // endregion
        return List.of(order.typeName(), parsed.repr(), result.toString(), result.repr(),
                String.valueOf(HostValues.toJava(result)), HostValues.toJson(result));
    }

    static List<Object> hostFunctions() {
        // region host-functions
        StringBuilder out = new StringBuilder();
        Engine engine = new Engine().setOutputHandler(out::append);
        engine.registerFn("price_of", args -> {
            String sku = args.get(0).asString();
            return switch (sku) {
                case "pen" -> Value.of(1.5);
                case "ink" -> Value.of(12.0);
                default -> throw IonException.runtime("no such product: " + sku);  // catchable in Ion
            };
        });
        engine.registerAsyncFn("fetch_stock", args ->          // the calling task parks, the loop does not
                CompletableFuture.supplyAsync(() -> Value.of(args.get(0).asString().length() * 10L)));
        engine.registerModule("shop", Map.of("CURRENCY", Value.of("EUR")));
        Value total = engine.evalAsync("""
                let order = [("pen", 4), ("ink", 1)];
                print(try { price_of("cap") } catch e { f"error: {e}" })
                print(f"stock of ink: {fetch_stock("ink")}")
                f"{order.map(|o| price_of(o.0) * o.1).sum()} {shop::CURRENCY}"
                """).join();
        // out is "error: no such product: cap\nstock of ink: 30\n"; total.asString() is "18.0 EUR"
        // endregion
        return List.of(out.toString(), total.asString());
    }

    static List<Object> hostTypes() {
        // region host-types
        Engine engine = new Engine()
                .registerStruct("Point", "x", "y")
                .registerEnum("Shape", "Circle(1)", "Rect(2)", "Empty");
        Map<String, Value> fields = new LinkedHashMap<>();   // a struct shows its fields in the map's order
        fields.put("x", Value.of(0));
        fields.put("y", Value.of(0));
        engine.registerFn("origin", args -> HostValues.struct("Point", fields));
        Value v = engine.eval("""
                let p = Point { x: 3, y: 4 };
                let shapes = [Shape::Circle(1), Shape::Rect(p.x, p.y), Shape::Empty];
                let area = |s| match s { Shape::Rect(w, h) => w * h, Shape::Circle(r) => 3 * r * r, _ => 0 };
                (origin(), shapes.map(area))
                """);
        // v.toString() is (Point { x: 0, y: 0 }, [3, 12, 0])
        // endregion
        return List.of(v.toString());
    }

    // region event-loop
    /** An EventLoop on one thread of a ScheduledExecutorService: runnables run one at a time, in order. */
    static final class ExecutorLoop implements EventLoop, AutoCloseable {
        private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        private final long origin = System.nanoTime();

        @Override
        public void execute(Runnable r) {
            executor.execute(r);
        }

        @Override
        public Cancellable schedule(long delayMs, Runnable r) {
            ScheduledFuture<?> f = executor.schedule(r, delayMs, TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        }

        @Override
        public long nowMillis() {
            return (System.nanoTime() - origin) / 1_000_000;
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
    // endregion

    static List<Object> runOnALoop() throws Exception {
        try (ExecutorLoop loop = new ExecutorLoop()) {
            // region start-and-listen
            List<String> events = new ArrayList<>();
            RunListener listener = new RunListener() {
                @Override
                public CompletionStage<?> onOutput(String text) {
                    events.add("output " + text.strip());
                    return null;                       // or an incomplete stage: the task parks until it completes
                }

                @Override
                public CompletionStage<?> onRecv(long channelId, int taskId, Value value) {
                    events.add("recv " + value);
                    return null;
                }
            };
            Engine engine = new Engine().setOutputHandler(text -> { }).setLimits(Limits.defaults());
            CompletableFuture<Run> started = new CompletableFuture<>();
            CompletableFuture<InputChannel> bound = new CompletableFuture<>();
            loop.execute(() -> {                       // start and bind input on the loop's thread
                Run run = engine.start("""
                        let mut total = 0;
                        while let Some(n) = input.recv() { total += n; print(f"running total {total}") }
                        total
                        """, loop, listener);
                bound.complete(run.inputChannel("input", 4));
                started.complete(run);
            });
            InputChannel input = bound.get();
            for (int n : new int[] {20, 22}) input.offer(Value.of(n)).get();   // any thread may feed it
            input.close();                             // recv() gives None once the values are drained
            Run run = started.get();
            long total = run.result().get(10, TimeUnit.SECONDS).asLong();
            // total is 42; events is [recv 20, output running total 20, recv 22, output running total 42];
            // run.fuelUsed(), run.peakMemoryBytes() and run.tasksStarted() give the run's statistics
            // endregion
            return List.of(total, List.copyOf(events), run.fuelUsed() > 0, run.tasksStarted());
        }
    }

    static List<Object> cancel() throws Exception {
        try (ExecutorLoop loop = new ExecutorLoop()) {
            // region cancel
            CompletableFuture<Run> started = new CompletableFuture<>();
            loop.execute(() -> started.complete(new Engine().start("sleep(60000); \"never\"", loop)));
            Run run = started.get();
            run.cancel();                              // from any thread: tasks, timers and host futures stop
            IonException why = null;
            try {
                run.result().join();
            } catch (java.util.concurrent.CompletionException e) {
                why = (IonException) e.getCause();
            }
            // why.kind() is ErrorKind.CANCELLED
            // endregion
            return List.of(why.kind() == ErrorKind.CANCELLED);
        }
    }
}
