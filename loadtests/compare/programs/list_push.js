// Push 5000000 ints onto a list one at a time, then sum them in a loop.
const xs = [];
for (let i = 0; i < 5000000; i++) {
  xs.push(i);
}
let total = 0;
for (const x of xs) {
  total += x;
}
console.log(total);
