# The while-loop: s = s + i % 7, 3*10^7 times.
# Inside a function so that CPython uses fast locals (its best case for this loop).
def main():
    s = 0
    i = 0
    while i < 30_000_000:
        s = s + i % 7
        i = i + 1
    print(s)


main()
