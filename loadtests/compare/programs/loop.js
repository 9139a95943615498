// A while-loop of 30000000 iterations of s = s + i % 7.
let s = 0;
let i = 0;
while (i < 30000000) {
  s = s + i % 7;
  i += 1;
}
console.log(s);
