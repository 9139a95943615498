// n pseudo-random ints (MINSTD: x = x * 48271 % (2^31 - 1)), sorted; then first + middle + last.
const xs = [];
let x = 1;
for (let i = 0; i < __N__; i++) {
  x = x * 48271 % 2147483647;
  xs.push(x);
}
xs.sort((a, b) => a - b);
xs[0] + xs[Math.floor(__N__ / 2)] + xs[__N__ - 1];
