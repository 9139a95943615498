// n records encoded to JSON and decoded back; then the text's length plus the sum of each
// decoded record's id and tag count.
const docs = [];
for (let i = 0; i < __N__; i++) {
  docs.push({id: i, name: "item" + i, tags: ["a", "b"], ok: i % 2 === 0});
}
const s = JSON.stringify(docs);
const back = JSON.parse(s);
let total = 0;
for (let j = 0; j < back.length; j++) {
  let r = back[j];
  total += r.id + r.tags.length;
}
s.length + total;
