# Push 5*10^6 ints onto a list one at a time, then sum them with sum() (12499997500000;
# list_push.py is the same with for-loops and no sum()).
# Inside a function so that CPython uses fast locals (its best case).
def main():
    xs = []
    i = 0
    while i < 5_000_000:
        xs.append(i)
        i += 1
    print(sum(xs))


main()
