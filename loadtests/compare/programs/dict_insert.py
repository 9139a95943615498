# Insert 10^6 string keys f"k{i}" into a dict, then read each back and sum (499999500000).
# Inside a function so that CPython uses fast locals (its best case).
def main():
    d = {}
    i = 0
    while i < 1_000_000:
        d[f"k{i}"] = i
        i += 1
    total = 0
    i = 0
    while i < 1_000_000:
        total += d[f"k{i}"]
        i += 1
    print(total)


main()
