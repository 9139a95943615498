# Push 5000000 ints onto a list one at a time, then sum them in a loop.
def main():
    xs = []
    for i in range(5000000):
        xs.append(i)
    total = 0
    for x in xs:
        total += x
    print(total)


main()
