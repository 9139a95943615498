# A while-loop of 30000000 iterations of s = s + i % 7 (in a function: CPython's fast locals).
def main():
    s = 0
    i = 0
    while i < 30000000:
        s = s + i % 7
        i += 1
    print(s)


main()
