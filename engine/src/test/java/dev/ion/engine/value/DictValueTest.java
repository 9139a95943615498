package dev.ion.engine.value;

import dev.ion.engine.Value;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The persistent dict against a model (LinkedHashMap copies), including old versions. */
class DictValueTest {

    @Test
    void everyVersionKeepsItsOwnContentsAndOrder() {
        checkVersionsAgainstModel(300);
    }

    /** Mostly fresh keys: the newest view appends in place while older views are read and changed. */
    @Test
    void appendedViewsKeepTheirOwnPrefix() {
        checkVersionsAgainstModel(1_000_000);
    }

    /**
     * A large dict: 20,000 fresh keys, then repeated keys, removals, reads of older views and
     * inserts into them, checked against a model rebuilt for each checked version from its
     * chain of operations.
     */
    @Test
    void largeDictVersionsStayCorrect() {
        int prefill = 20_000;
        Random random = new Random(11);
        List<DictValue> versions = new ArrayList<>();
        List<Integer> parents = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        versions.add(DictValue.EMPTY);
        parents.add(-1);
        ops.add(null);
        for (int step = 0; step < prefill + 30_000; step++) {
            int from = step < prefill || random.nextInt(20) != 0 ? versions.size() - 1 : random.nextInt(versions.size());
            String key = step < prefill ? "p" + step
                    : random.nextInt(50) == 0 ? "p" + random.nextInt(prefill) : "k" + random.nextInt(1_000_000);
            DictValue d = versions.get(from);
            Op op;
            if (step >= prefill && random.nextInt(200) == 0) {
                d = d.remove(key);
                op = new Op(key, null);
            } else {
                op = new Op(key, Value.of(random.nextInt(3) == 0 ? 1 : step));
                d = d.insert(key, op.value);
            }
            if (random.nextInt(100) == 0) versions.get(random.nextInt(versions.size())).get(key);
            versions.add(d);
            parents.add(from);
            ops.add(op);
        }
        for (int i = 0; i < versions.size(); i += 499) checkAgainstChain(versions.get(i), i, parents, ops);
        checkAgainstChain(versions.get(versions.size() - 1), versions.size() - 1, parents, ops);
    }

    /**
     * A table large enough to index new keys in batches: keys still waiting to be indexed
     * must be found by lookups and by inserts that overwrite them, from the newest view and
     * from older ones, at every point of a batch.
     */
    @Test
    void largeTableFindsKeysNotYetIndexed() {
        Random random = new Random(5);
        List<Value> values = new ArrayList<>();
        List<DictValue> views = new ArrayList<>();
        DictValue d = DictValue.EMPTY;
        for (int i = 0; i < 200_000; i++) {
            values.add(Value.of(i));
            d = d.insert("k" + i, values.get(i));
            if (i % 97 == 0) views.add(d);
            int recent = Math.max(0, i - random.nextInt(130));
            String key = "k" + recent;
            assertThat(d.insert(key, values.get(recent))).as("insert of the same %s at %d", key, i).isSameAs(d);
            if (random.nextInt(5) == 0) {
                assertThat(d.get(key)).as("get %s at %d", key, i).isSameAs(values.get(recent));
                assertThat(d.get("k" + (i + 1))).isNull();
            }
            if (random.nextInt(20_000) == 0) {
                DictValue overwritten = d.insert(key, Value.of(-1));
                assertThat(overwritten.size()).as("overwrite %s at %d", key, i).isEqualTo(i + 1);
                assertThat(overwritten.get(key).asLong()).isEqualTo(-1);
            }
            if (random.nextInt(50) == 0) {
                DictValue older = views.get(random.nextInt(views.size()));
                assertThat(older.get("k" + (older.size() - 1)).asLong()).isEqualTo(older.size() - 1);
                assertThat(older.get("k" + older.size())).isNull();
            }
        }
        assertThat(contents(d)).hasSize(200_000);
    }

    /** Lookups never change a table, so threads may share a large dict that no one inserts into. */
    @Test
    void threadsMayReadALargeDictTogether() throws Exception {
        DictValue d = DictValue.EMPTY;
        int n = 100_030; // not a multiple of the batch: some keys are still waiting to be indexed
        for (int i = 0; i < n; i++) d = d.insert("k" + i, Value.of(i));
        DictValue shared = d;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> found = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                found.add(pool.submit(() -> {
                    int hits = 0;
                    for (int i = 0; i < n; i++) {
                        int k = (i * 7 + offset * 31) % n;
                        if (shared.get("k" + k).asLong() == k && shared.get("x" + k) == null) hits++;
                    }
                    return hits;
                }));
            }
            for (Future<Integer> f : found) assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(n);
        } finally {
            pool.shutdownNow();
        }
    }

    /** An insert of {@code value} under {@code key}, or its removal when {@code value} is null. */
    private record Op(String key, Value value) {
    }

    private static void checkAgainstChain(DictValue d, int version, List<Integer> parents, List<Op> ops) {
        List<Op> chain = new ArrayList<>();
        for (int v = version; v > 0; v = parents.get(v)) chain.add(ops.get(v));
        LinkedHashMap<String, Value> model = new LinkedHashMap<>();
        for (int k = chain.size() - 1; k >= 0; k--) {
            Op op = chain.get(k);
            if (op.value == null) model.remove(op.key);
            else model.put(op.key, op.value);
        }
        assertThat(contents(d)).containsExactlyEntriesOf(model);
        assertThat(d.size()).isEqualTo(model.size());
        for (String key : List.of("p0", "p19999", "k1", "absent")) assertThat(d.get(key)).isEqualTo(model.get(key));
    }

    @Test
    void insertingIntoAnOlderViewLeavesTheNewerOneAlone() {
        DictValue base = DictValue.EMPTY.insert("a", Value.of(1)).insert("b", Value.of(2));
        DictValue newer = base.insert("c", Value.of(3));
        DictValue sibling = base.insert("c", Value.of(30)).insert("d", Value.of(4));
        assertThat(base.repr()).isEqualTo("#{\"a\": 1, \"b\": 2}");
        assertThat(newer.repr()).isEqualTo("#{\"a\": 1, \"b\": 2, \"c\": 3}");
        assertThat(sibling.repr()).isEqualTo("#{\"a\": 1, \"b\": 2, \"c\": 30, \"d\": 4}");
        assertThat(base.get("c")).isNull();
        assertThat(base.containsKey("c")).isFalse();
        assertThat(newer.insert("a", Value.of(9)).repr()).isEqualTo("#{\"a\": 9, \"b\": 2, \"c\": 3}");
        assertThat(newer.get("a").asLong()).isEqualTo(1);
    }

    private static void checkVersionsAgainstModel(int keySpace) {
        Random random = new Random(7);
        List<DictValue> versions = new ArrayList<>();
        List<LinkedHashMap<String, Value>> models = new ArrayList<>();
        versions.add(DictValue.EMPTY);
        models.add(new LinkedHashMap<>());
        for (int step = 0; step < 20_000; step++) {
            int from = random.nextInt(10) == 0 ? random.nextInt(versions.size()) : versions.size() - 1;
            DictValue d = versions.get(from);
            LinkedHashMap<String, Value> m = new LinkedHashMap<>(models.get(from));
            String key = "k" + random.nextInt(keySpace);
            if (random.nextInt(4) == 0) {
                d = d.remove(key);
                m.remove(key);
            } else {
                Value v = Value.of(step);
                d = d.insert(key, v);
                m.put(key, v);
            }
            versions.add(d);
            models.add(m);
        }
        for (int i = 0; i < versions.size(); i += 97) {
            assertThat(contents(versions.get(i))).containsExactlyEntriesOf(models.get(i));
            assertThat(versions.get(i).size()).isEqualTo(models.get(i).size());
        }
    }

    @Test
    void removedThenReinsertedKeyMovesToTheEnd() {
        DictValue d = DictValue.EMPTY.insert("a", Value.of(1)).insert("b", Value.of(2)).insert("a", Value.of(3));
        assertThat(d.repr()).isEqualTo("#{\"a\": 3, \"b\": 2}");
        assertThat(d.remove("a").insert("a", Value.of(4)).repr()).isEqualTo("#{\"b\": 2, \"a\": 4}");
    }

    @Test
    void collidingKeysAreKeptApart() {
        // "Aa" and "BB" share String.hashCode
        DictValue d = DictValue.EMPTY.insert("Aa", Value.of(1)).insert("BB", Value.of(2));
        assertThat(d.get("Aa").asLong()).isEqualTo(1);
        assertThat(d.get("BB").asLong()).isEqualTo(2);
        assertThat(d.remove("Aa").get("BB").asLong()).isEqualTo(2);
        assertThat(d.remove("Aa").get("Aa")).isNull();
    }

    private static Map<String, Value> contents(DictValue d) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : d.entries()) out.put(e.getKey(), e.getValue());
        assertThat(new HashMap<>(out)).hasSize(d.size());
        return out;
    }
}
