# 2*10^5 round trips between two asyncio tasks over two capacity-1 queues; prints 200000.
import asyncio


async def echo(inbox, outbox):
    while True:
        v = await inbox.get()
        if v is None:
            break
        await outbox.put(v + 1)


async def main():
    to_b = asyncio.Queue(1)
    to_a = asyncio.Queue(1)
    task = asyncio.create_task(echo(to_b, to_a))
    v = 0
    for _ in range(200_000):
        await to_b.put(v)
        v = await to_a.get()
    await to_b.put(None)
    await task
    print(v)


asyncio.run(main())
