# CPython's figures for the dict-growth benchmark (CollectionGrowthBenchmarks.dictInsert):
# d[str(i)] = i for n = 10^5 and 10^6, best of 5, in milliseconds.
#   python3 loadtests/cli-bench/dict_growth.py
import time


def build(n):
    d = {}
    i = 0
    while i < n:
        d[str(i)] = i
        i += 1
    return len(d)


for n in (100_000, 1_000_000):
    times = []
    for _ in range(5):
        start = time.perf_counter()
        build(n)
        times.append(time.perf_counter() - start)
    print(f"{n:>9} {min(times) * 1000:8.1f} ms")
