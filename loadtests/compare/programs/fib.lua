-- Recursive Fibonacci: fib(35) = 9227465, about 30 million calls.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
print(string.format("%d", fib(35)))
