// String building: n appends of one digit with the language's concatenation operator.
let s = "";
for (let i = 0; i < __N__; i++) {
  s = s + String(i % 10);
}
s.length;
