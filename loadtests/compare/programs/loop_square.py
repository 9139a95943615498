# A 3*10^7-iteration while-loop of integer arithmetic, total += (i * i) % 7 (loop is s = s + i % 7).
# Inside a function so that CPython uses fast locals (its best case for this loop).
def main():
    total = 0
    i = 0
    while i < 30_000_000:
        total += (i * i) % 7
        i += 1
    print(total)


main()
