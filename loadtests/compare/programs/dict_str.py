# Insert 1000000 string keys f"k{i}", then read each one back and sum the values.
def main():
    d = {}
    for i in range(1000000):
        d[f"k{i}"] = i
    total = 0
    for i in range(1000000):
        total += d[f"k{i}"]
    print(total)


main()
