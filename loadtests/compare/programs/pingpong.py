# 200000 round trips between two asyncio tasks over two capacity-1 queues; prints the final value.
import asyncio


async def ponger(inbox, outbox):
    while True:
        v = await inbox.get()
        if v is None:
            return
        await outbox.put(v + 1)


async def main():
    to_a = asyncio.Queue(1)
    to_b = asyncio.Queue(1)
    task = asyncio.create_task(ponger(to_b, to_a))
    v = 0
    for _ in range(200000):
        await to_b.put(v)
        v = await to_a.get()
    await to_b.put(None)
    await task
    print(v)


asyncio.run(main())
