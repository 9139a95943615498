// Insert 1000000 string keys `k${i}` into a Map, then read each one back and sum the values.
const d = new Map();
for (let i = 0; i < 1000000; i++) {
  d.set(`k${i}`, i);
}
let total = 0;
for (let i = 0; i < 1000000; i++) {
  total += d.get(`k${i}`);
}
console.log(total);
