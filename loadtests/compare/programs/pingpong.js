// 200000 round trips between two async functions over two promise-based channels; prints the
// final value. A channel here is a queue of values and a queue of waiting receivers; the
// exchange is lock-step, so neither ever holds more than one value (capacity 1 in effect).
class Channel {
  constructor() { this.values = []; this.waiting = []; }
  send(v) {
    const take = this.waiting.shift();
    if (take) take(v); else this.values.push(v);
  }
  recv() {
    if (this.values.length > 0) return Promise.resolve(this.values.shift());
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

async function ponger(inbox, outbox) {
  for (;;) {
    const v = await inbox.recv();
    if (v === null) return;
    outbox.send(v + 1);
  }
}

async function main() {
  const toA = new Channel();
  const toB = new Channel();
  const task = ponger(toB, toA);
  let v = 0;
  for (let i = 0; i < 200000; i++) {
    toB.send(v);
    v = await toA.recv();
  }
  toB.send(null);
  await task;
  console.log(v);
}

main();
