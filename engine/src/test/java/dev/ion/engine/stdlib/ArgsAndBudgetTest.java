package dev.ion.engine.stdlib;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.Limits;
import dev.ion.engine.Value;
import dev.ion.engine.value.ListValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArgsAndBudgetTest extends StdlibTest {

    @Test
    void arityMessages() {
        assertThat(Args.arityMessage("len", 2, 1, 1)).isEqualTo("len() takes 1 argument (2 given)");
        assertThat(Args.arityMessage("slice", 1, 2, 2)).isEqualTo("slice() takes 2 arguments (1 given)");
        assertThat(Args.arityMessage("pad_start", 0, 1, 2)).isEqualTo("pad_start() takes 1 to 2 arguments (0 given)");
        assertThat(Args.arityMessage("max", 0, 1, Args.MANY)).isEqualTo("max() takes at least 1 argument (0 given)");
        assertThat(Args.arityMessage("new", 1, 0, 0)).isEqualTo("new() takes 0 arguments (1 given)");
        assertThat(error(() -> Args.arity("len", 2, 1, 1)).kind()).isEqualTo(ErrorKind.TYPE);
    }

    @Test
    void typeMessagesNameTheFunction() {
        assertThat(errorMessage(() -> Args.integer("slice", s("x")))).isEqualTo("slice() expected an int, got string");
        assertThat(errorMessage(() -> Args.string("trim", NONE))).isEqualTo("trim() expected a string, got Option");
        assertThat(errorMessage(() -> Args.callable("map", list()))).isEqualTo("map() expected a function, got list");
        assertThat(Args.isCallable(Builtins.all().get("len"))).isTrue();
    }

    @Test
    void indicesAndBounds() {
        assertThat(Args.index("get", -1, 3)).isEqualTo(2);
        assertThat(errorMessage(() -> Args.index("get", 3, 3))).isEqualTo("index out of bounds: get() index 3 for length 3");
        assertThat(Args.bound(-10, 3)).isZero();
        assertThat(Args.bound(10, 3)).isEqualTo(3);
        assertThat(Args.bound(-1, 3)).isEqualTo(2);
    }

    @Test
    void resultsReportTheirMemoryAndWork() {
        m(ints(1, 2, 3), "map", fn(a -> a[0]));
        assertThat(cx.allocated).isEqualTo(Budget.listCost(3));
        assertThat(cx.fuel).isGreaterThanOrEqualTo(3);
        long before = cx.allocated;
        m(s("abc"), "to_upper");
        assertThat(cx.allocated - before).isEqualTo(Budget.strCost(3));
        before = cx.allocated;
        call("bytes", i(10));
        assertThat(cx.allocated - before).isEqualTo(Budget.bytesCost(10));
    }

    @Test
    void fuelLimitStopsLongWork() {
        limits(Limits.builder().fuel(1_000).build());
        Value[] items = new Value[10_000];
        java.util.Arrays.fill(items, i(1));
        assertLimit(() -> m(ListValue.of(items), "sort"), "fuel");
    }

    @Test
    void memoryLimitIsCheckedAsResultsAreBuilt() {
        limits(Limits.builder().maxMemoryBytes(10_000).build());
        Value[] items = new Value[5_000];
        java.util.Arrays.fill(items, i(1));
        assertLimit(() -> m(ListValue.of(items), "reverse"), "max_memory_bytes");
    }
}
