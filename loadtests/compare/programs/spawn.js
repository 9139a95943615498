// Start 100000 async functions (promises), then await each one and sum the results.
async function one(i) { return i; }

async function main() {
  const tasks = [];
  for (let i = 0; i < 100000; i++) {
    tasks.push(one(i));
  }
  let total = 0;
  for (const t of tasks) {
    total += await t;
  }
  console.log(total);
}

main();
