// n inserts of fresh string keys "k0", "k1", ..., then the size plus the last value (2n - 1).
// A Map, which like Ion's dict keeps insertion order.
const d = new Map();
for (let i = 0; i < __N__; i++) {
  d.set("k" + i, i);
}
d.size + d.get("k" + (__N__ - 1));
