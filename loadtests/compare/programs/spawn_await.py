# Spawn 10^5 asyncio tasks one after another and await each; prints 100000.
import asyncio


async def one():
    return 1


async def main():
    total = 0
    for _ in range(100_000):
        total += await asyncio.create_task(one())
    print(total)


asyncio.run(main())
