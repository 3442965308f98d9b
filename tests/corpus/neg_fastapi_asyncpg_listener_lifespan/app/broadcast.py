import asyncio

subscribers: set[asyncio.Queue] = set()


def fan_out(connection, pid, channel, payload) -> None:
    for queue in subscribers:
        queue.put_nowait(payload)
