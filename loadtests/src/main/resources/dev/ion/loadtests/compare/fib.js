// Recursive Fibonacci; __N__ is replaced by n.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
fib(__N__);
