// n closures made and called once each.
function make_adder(k) { return (x) => x + k; }
let acc = 0;
for (let i = 0; i < __N__; i++) {
  let add = make_adder(i % 100);
  acc = (acc + add(i)) % 1000003;
}
acc;
