package dev.ion.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EvalCommandTest {
    @Test
    void printsTheValueLikeACalculator() {
        Cli.Result r = Cli.run("eval", "1 + 2");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("3\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void displayFormByDefaultReprOnRequest() {
        assertThat(Cli.run("eval", "[\"a\", Some(\"b\")]").out()).isEqualTo("[a, Some(b)]\n");
        assertThat(Cli.run("eval", "--repr", "[\"a\", Some(\"b\")]").out()).isEqualTo("[\"a\", Some(\"b\")]\n");
    }

    @Test
    void outputComesBeforeTheValueAndUnitIsNotPrinted() {
        assertThat(Cli.run("eval", "print(\"hi\"); 7").out()).isEqualTo("hi\n7\n");
        assertThat(Cli.run("eval", "print(\"hi\")").out()).isEqualTo("hi\n");
    }

    @Test
    void errorsUseTheEvalPseudoFile() {
        Cli.Result compile = Cli.run("eval", "let = 3");
        assertThat(compile.code()).isEqualTo(65);
        assertThat(compile.err()).startsWith("<eval>:1:5: parse: ");
        Cli.Result runtime = Cli.run("eval", "[1][5]");
        assertThat(runtime.code()).isEqualTo(70);
        assertThat(runtime.err()).startsWith("<eval>:1:").contains("index out of bounds");
    }

    @Test
    void fuelLimitOnAnInfiniteLoop() {
        Cli.Result r = Cli.run("eval", "--limit", "fuel=1000", "let mut i = 0; while true { i += 1 }");
        assertThat(r.code()).isEqualTo(70);
        assertThat(r.err()).contains("limit exceeded: fuel (1000)");
    }

    @Test
    void limitErrorsShowWhereTheScriptStood() {
        Cli.Result r = Cli.run("eval", "--limit", "fuel=1000", "loop {}");
        assertThat(r.code()).isEqualTo(70);
        assertThat(r.err()).isEqualTo("""
                <eval>:1:1: limit: limit exceeded: fuel (1000)
                 1 | loop {}
                   | ^
                    at <script> (<eval>:1:1)
                """);
    }

    @Test
    void aDeadlineWhileSleepingPointsAtTheSleep() {
        Cli.Result r = Cli.run("eval", "--limit", "deadline_ms=50", "fn nap() { sleep(1000000) }\nnap()");
        assertThat(r.code()).isEqualTo(70);
        assertThat(r.err()).isEqualTo("""
                <eval>:1:12: limit: limit exceeded: deadline_ms (50)
                 1 | fn nap() { sleep(1000000) }
                   |            ^
                    at nap (<eval>:1:12)
                    at <script> (<eval>:2:1)
                """);
    }
}
