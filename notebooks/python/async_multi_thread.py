# The guide's async_multi_thread.py comparison, rewritten for the course: 20 waits of 1 s, three ways.
# Run by notebook 5; the optional argument is the notebook's time scale (1 = real seconds).
import asyncio
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
WAIT, WAITS, THREADS = 1.0 * SCALE, 20, 4


async def waits(count):
    await asyncio.gather(*(asyncio.sleep(WAIT) for _ in range(count)))


def event_loop_in_thread(count):
    asyncio.run(waits(count))  # each thread runs an event loop of its own


def blocking_wait(_):
    time.sleep(WAIT)  # a blocked thread holds one wait at a time (and releases the GIL)


def seconds(run):
    start = time.perf_counter()
    run()
    return round((time.perf_counter() - start) / SCALE, 2)


with ThreadPoolExecutor(max_workers=THREADS) as pool:
    share = [WAITS // THREADS] * THREADS
    print(json.dumps({
        "asyncio, one thread": seconds(lambda: asyncio.run(waits(WAITS))),
        f"{THREADS} threads, an event loop in each": seconds(lambda: list(pool.map(event_loop_in_thread, share))),
        f"{THREADS} threads, blocking waits": seconds(lambda: list(pool.map(blocking_wait, range(WAITS)))),
    }))
