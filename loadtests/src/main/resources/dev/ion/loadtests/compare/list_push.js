// n pushes onto a list, then its length plus its last element (2n - 1).
const xs = [];
for (let i = 0; i < __N__; i++) {
  xs.push(i);
}
xs.length + xs[xs.length - 1];
