# Recursive Fibonacci: fib(35) = 9227465, about 30 million calls.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(35))
