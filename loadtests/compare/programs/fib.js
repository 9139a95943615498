// Recursive Fibonacci: fib(35) = 9227465, about 30 million calls.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
console.log(fib(35));
