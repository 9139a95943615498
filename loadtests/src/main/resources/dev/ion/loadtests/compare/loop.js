// An arithmetic while-loop of n iterations.
let acc = 0;
let i = 0;
while (i < __N__) {
  acc = (acc + i * 3) % 1000003;
  i = i + 1;
}
acc;
