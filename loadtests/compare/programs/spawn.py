# Spawn 100000 asyncio tasks, then await each one and sum the results.
import asyncio


async def one(i):
    return i


async def main():
    tasks = [asyncio.create_task(one(i)) for i in range(100000)]
    total = 0
    for t in tasks:
        total += await t
    print(total)


asyncio.run(main())
