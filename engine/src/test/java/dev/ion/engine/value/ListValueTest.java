package dev.ion.engine.value;

import dev.ion.engine.Value;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Lists against a model (ArrayList copies), in both stores: unboxed ints and boxed values. */
class ListValueTest {

    @Test
    void pushingIntsOntoTheEmptyListKeepsThemUnboxed() {
        ListValue l = ListValue.EMPTY;
        for (int i = 0; i < 100; i++) l = l.push(IntValue.of(i * 1_000_003L));
        assertThat(l.intChunks()).isNotNull();
        assertThat(l.boxed()).isNull();
        assertThat(l.size()).isEqualTo(100);
        assertThat(((IntValue) l.get(99)).value).isEqualTo(99 * 1_000_003L);
    }

    @Test
    void theFirstOtherElementBoxesTheStoreForEveryView() {
        ListValue older = ListValue.EMPTY.push(IntValue.of(5_000)).push(IntValue.of(-7));
        ListValue newer = older.push(StrValue.of("x"));
        assertThat(older.intChunks()).isNull();
        assertThat(newer.intChunks()).isNull();
        assertThat(list(older)).containsExactly(IntValue.of(5_000).value, -7L);
        assertThat(list(newer)).containsExactly(5_000L, -7L, "x");
    }

    @Test
    void literalListsStayBoxed() {
        ListValue l = ListValue.of(IntValue.of(1), IntValue.of(2)).push(IntValue.of(3));
        assertThat(l.intChunks()).isNull();
        assertThat(list(l)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void concatKeepsIntsUnboxedOnlyWhenBothSidesAreUnboxed() {
        ListValue a = ListValue.EMPTY.push(IntValue.of(1)).push(IntValue.of(2));
        ListValue b = ListValue.EMPTY.push(IntValue.of(3));
        ListValue ab = a.concat(b);
        assertThat(ab.intChunks()).isNotNull();
        assertThat(list(ab)).containsExactly(1L, 2L, 3L);
        ListValue mixed = ab.concat(ListValue.of(StrValue.of("y")));
        assertThat(mixed.intChunks()).isNull();
        assertThat(list(mixed)).containsExactly(1L, 2L, 3L, "y");
        assertThat(list(a)).containsExactly(1L, 2L);
    }

    @Test
    void copiesAndSlicesOfUnboxedListsHoldTheSameElements() {
        ListValue l = ListValue.EMPTY;
        for (int i = 0; i < 20; i++) l = l.push(IntValue.of(i));
        Value[] out = new Value[5];
        l.copyTo(3, out, 1, 4);
        assertThat(out).containsExactly(null, IntValue.of(3), IntValue.of(4), IntValue.of(5), IntValue.of(6));
        assertThat(list(l.slice(17, 20))).containsExactly(17L, 18L, 19L);
        assertThat(list(l.with(0, StrValue.of("z"))).subList(0, 2)).containsExactly("z", 1L);
        assertThat(l.asJavaList()).hasSize(20);
        assertThat(l.toArray(18, 20)).containsExactly(IntValue.of(18), IntValue.of(19));
    }

    @Test
    void unboxedListsSpanningSeveralChunksKeepEveryViewIntact() {
        int n = 3 * ListValue.CHUNK + 5;
        ListValue whole = ListValue.EMPTY;
        ListValue middle = null;
        for (int i = 0; i < n; i++) {
            whole = whole.push(IntValue.of(i));
            if (i == ListValue.CHUNK) middle = whole;
        }
        ListValue branched = middle.push(IntValue.of(-1)); // middle is no longer the newest view: copied
        ListValue doubled = whole.concat(whole);
        assertThat(doubled.intChunks()).isNotNull();
        for (int i = 0; i < n; i++) {
            assertThat(((IntValue) doubled.get(i)).value).isEqualTo(i);
            assertThat(((IntValue) doubled.get(n + i)).value).isEqualTo(i);
        }
        assertThat(middle.size()).isEqualTo(ListValue.CHUNK + 1);
        assertThat(list(branched)).hasSize(ListValue.CHUNK + 2).endsWith((long) ListValue.CHUNK, -1L);
        assertThat(list(whole.push(StrValue.of("x"))).subList(n - 2, n + 1)).containsExactly(n - 2L, n - 1L, "x");
        assertThat(((IntValue) middle.get(ListValue.CHUNK)).value).isEqualTo(ListValue.CHUNK);
    }

    /**
     * Random pushes (mostly ints, sometimes strings) and concats onto random versions, old
     * and new; every version must keep exactly its own elements.
     */
    @Test
    void everyVersionKeepsItsOwnElements() {
        Random random = new Random(7);
        List<ListValue> versions = new ArrayList<>();
        List<List<Object>> models = new ArrayList<>();
        versions.add(ListValue.EMPTY);
        models.add(List.of());
        for (int step = 0; step < 20_000; step++) {
            int from = random.nextInt(10) != 0 ? versions.size() - 1 : random.nextInt(versions.size());
            ListValue l = versions.get(from);
            List<Object> model = new ArrayList<>(models.get(from));
            int kind = random.nextInt(100);
            if (kind < 90) {
                long v = random.nextInt(3) == 0 ? random.nextInt(100) : random.nextLong();
                l = l.push(IntValue.of(v));
                model.add(v);
            } else if (kind < 93) {
                String s = "s" + step;
                l = l.push(StrValue.of(s));
                model.add(s);
            } else {
                int other = random.nextInt(Math.min(versions.size(), 300)); // small early versions
                l = l.concat(versions.get(other));
                model.addAll(models.get(other));
            }
            versions.add(l);
            models.add(model);
        }
        for (int i = 0; i < versions.size(); i++) assertThat(list(versions.get(i))).as("version %d", i).isEqualTo(models.get(i));
    }

    private static List<Object> list(ListValue l) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            Value v = l.get(i);
            out.add(v instanceof IntValue iv ? (Object) iv.value : ((StrValue) v).str());
        }
        return out;
    }
}
