# The guide's async_multi_thread.py comparison, rewritten for the course, run by notebook 7.
# Waiting: 20 waits of 1 s, three ways. Computing: one CPU job in a thread, then two in two threads.
# The optional argument is the notebook's time scale (1 = real seconds); results are in guide seconds.
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


def count_primes(limit):  # the same trial division as the course's countPrimes
    return sum(all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(2, limit))


def limit_for(seconds):  # a limit whose count takes about that much CPU time here
    start = time.process_time()
    count_primes(20_000)
    used = time.process_time() - start
    return int(20_000 * (seconds / used) ** (1 / 1.4))


def seconds(run):
    start = time.perf_counter()
    run()
    return round((time.perf_counter() - start) / SCALE, 2)


LIMIT = limit_for(0.5 * SCALE)
with ThreadPoolExecutor(max_workers=THREADS) as pool:
    share = [WAITS // THREADS] * THREADS
    print(json.dumps({
        "GIL": getattr(sys, "_is_gil_enabled", lambda: True)(),  # False on a free-threaded build
        "asyncio, one thread": seconds(lambda: asyncio.run(waits(WAITS))),
        f"{THREADS} threads, an event loop in each": seconds(lambda: list(pool.map(event_loop_in_thread, share))),
        f"{THREADS} threads, blocking waits": seconds(lambda: list(pool.map(blocking_wait, range(WAITS)))),
        "1 CPU job, 1 thread": seconds(lambda: list(pool.map(count_primes, [LIMIT]))),
        "2 CPU jobs, 2 threads": seconds(lambda: list(pool.map(count_primes, [LIMIT, LIMIT]))),
    }))
