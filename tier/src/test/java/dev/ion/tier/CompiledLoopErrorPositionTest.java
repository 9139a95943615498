package dev.ion.tier;

import dev.ion.engine.Engine;
import dev.ion.engine.IonException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Errors raised part-way through compiled loops (the tier's scripts under {@code errors/}) point at the
 * operator that failed: the compiled code left for the general path with the frame's pc just after that
 * instruction's opcode, as the interpreter does, and the error's position comes from that pc.
 */
class CompiledLoopErrorPositionTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            dict_miss_in_loop.ion            | 5 | 5  | cannot apply '+' to int and Option
            index_out_of_bounds_in_loop.ion  | 6 | 10 | index out of bounds: index 3 but length is 3
            modulo_by_zero_in_loop.ion       | 4 | 10 | modulo by zero
            not_a_bool_in_loop.ion           | 13 | 9 | cannot apply '-' to int and string
            overflow_in_loop.ion             | 5 | 5  | integer overflow
            pattern_fails_in_loop.ion        | 5 | 5  | pattern match failed in for loop
            """)
    void errorsInCompiledLoopsPointAtTheFailingOperator(String script, int line, int column, String message) throws Exception {
        String source = Files.readString(Corpus.TIER.resolve("errors").resolve(script));
        long before = AsmLoopCompiler.compiledFunctions();
        CompletionException e = catchThrowableOfType(CompletionException.class, () -> new Engine().evalAsync(source).join());
        assertThat(AsmLoopCompiler.compiledFunctions()).as("the script's loops were compiled").isGreaterThan(before);
        assertThat(e.getCause()).isInstanceOf(IonException.class);
        IonException error = (IonException) e.getCause();
        assertThat(error.getMessage()).isEqualTo(message);
        assertThat(error.line() + ":" + error.column()).isEqualTo(line + ":" + column);
    }
}
