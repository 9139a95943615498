package dev.ion.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The embedding API and the acceptance checks of the engine-core issue. */
class EngineApiTest {
    private static final String DEPTH = "fn d(n) { if n == 0 { 0 } else { 1 + d(n - 1) } } ";

    @Test
    void recursionOfOneHundredThousandFramesFitsTheDefaultLimit() {
        assertThat(new Engine().eval(DEPTH + "d(100000)").repr()).isEqualTo("100000");
    }

    @Test
    void oneFrameMoreFailsWithTheCallDepthLimit() {
        IonException e = catchThrowableOfType(() -> new Engine().eval(DEPTH + "d(100001)"), IonException.class);
        assertThat(e.kind()).isEqualTo(ErrorKind.LIMIT);
        assertThat(e.getMessage()).isEqualTo("limit exceeded: max_call_depth (100000)");
    }

    @Test
    void outputHandlerReceivesExactlyThePrintedText() {
        List<String> out = new ArrayList<>();
        new Engine().setOutputHandler(out::add).eval("print(1, \"a\"); print([1, \"b\"])");
        assertThat(String.join("", out)).isEqualTo("1 a\n[1, b]\n");
    }

    @Test
    void hostFunctionsAreCalledAndTheirErrorsAreCatchable() {
        Engine engine = new Engine();
        engine.registerFn("twice", args -> Value.of(args.get(0).asLong() * 2));
        engine.registerFn("boom", args -> {
            throw IonException.runtime("host said no");
        });
        assertThat(engine.eval("twice(21)").asLong()).isEqualTo(42);
        assertThat(engine.eval("try { boom() } catch e { e }").asString()).isEqualTo("host said no");
    }

    @Test
    void valueFactoriesRenderDisplayAndRepr() {
        Value v = Value.list(Value.of(1), Value.of("a"), Value.some(Value.of(2.0)), Value.none(), Value.unit());
        assertThat(v.repr()).isEqualTo("[1, \"a\", Some(2.0), None, ()]");
        assertThat(v.toString()).isEqualTo("[1, a, Some(2.0), None, ()]");
        assertThat(Value.err(Value.of("x")).repr()).isEqualTo("Err(\"x\")");
        assertThat(v.typeName()).isEqualTo("list");
    }

    @Test
    void fuelLimitFailsWithItsName() {
        Engine engine = new Engine().setLimits(Limits.builder().fuel(1000).build());
        assertThatThrownBy(() -> engine.eval("loop {}"))
                .isInstanceOfSatisfying(IonException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.LIMIT);
                    assertThat(e.getMessage()).isEqualTo("limit exceeded: fuel (1000)");
                });
    }

    @Test
    void runtimeErrorsCarryPositionAndIonStackTrace() {
        IonException e = catchThrowableOfType(() -> new Engine().eval("""
                fn inner(x) {
                    x / 0
                }
                fn outer() { inner(1) }
                outer()"""), IonException.class);
        assertThat(e.kind()).isEqualTo(ErrorKind.RUNTIME);
        assertThat(e.getMessage()).isEqualTo("division by zero");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.trace()).extracting(IonException.TraceEntry::function).startsWith("inner", "outer");
    }

    @Test
    void compileErrorsReportEveryProblemWithPositions() {
        IonException e = catchThrowableOfType(() -> new Engine().check("let a = (1;\nlet b = ];\n"), IonException.class);
        assertThat(e.kind()).isEqualTo(ErrorKind.PARSE);
        assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(e.problems().get(0).line()).isEqualTo(1);
        assertThat(e.problems().get(1).line()).isEqualTo(2);
    }

    @Test
    void lexErrorsArePositioned() {
        IonException e = catchThrowableOfType(() -> new Engine().eval("let s = \"abc"), IonException.class);
        assertThat(e.kind()).isEqualTo(ErrorKind.LEX);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(9);
    }

    @Test
    void assigningToAnImmutableBindingIsACompileError() {
        IonException e = catchThrowableOfType(() -> new Engine().check("let x = 1;\nx = 2;"), IonException.class);
        assertThat(e.getMessage()).isEqualTo("cannot assign to immutable variable 'x'");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(1);
    }

    @Test
    void syncEvalRejectsAsyncHostFunctionsNamingThem() {
        Engine engine = new Engine();
        engine.registerAsyncFn("fetch", args -> java.util.concurrent.CompletableFuture.completedFuture(Value.unit()));
        assertThatThrownBy(() -> engine.eval("fetch()")).hasMessageContaining("'fetch'");
        assertThat(engine.evalAsync("fetch()").join().isUnit()).isTrue();
    }

    @Test
    void evalAsyncSetupBindsAnInputChannelTheScriptSeesFromItsFirstInstruction() {
        Value v = new Engine().evalAsync("let mut got = []; while let Some(x) = input.recv() { got = got.push(x) }; got",
                run -> {
                    InputChannel in = run.inputChannel("input", 1);
                    in.offer(Value.of(1)).thenCompose(x -> in.offer(Value.of(2))).thenRun(in::close);
                }).join();
        assertThat(v.repr()).isEqualTo("[1, 2]");
    }
}
