/**
 * The stand-in's capacity: how a backend behaves when more requests arrive than it can serve.
 *
 * Up to `capacity` requests in flight, each is served at the configured latency. Past it, the
 * requests share the capacity - latency grows with the load (load / capacity times the base) - and
 * a growing share is refused, half with 429 RESOURCE_EXHAUSTED and half with 503 UNAVAILABLE, as
 * a rate limiter or an overloaded model would. The share refused is overload / (1 + overload), with
 * overload = (load - capacity) / capacity: 1 over capacity 8 refuses about 11 %, twice the capacity
 * 50 %, four times 75 %. The dice are seeded, so the same load gives the same answers.
 */
import { createRandom } from "./faults.js";

/** What the load decided for one request. */
export interface LoadDecision {
  /** How many times the base latency this request takes (1 within capacity). */
  latencyFactor: number;
  /** The status to refuse with, or undefined to serve. */
  refuse: 429 | 503 | undefined;
}

/**
 * Creates the load model of one stand-in.
 * @param plan The capacity (Infinity for none) and the seed of its dice.
 * @returns A function deciding, from the requests in flight (this one included), how to treat it.
 */
export function createLoadModel(plan: {
  capacity: number;
  seed: number;
}): (inFlight: number) => LoadDecision {
  // Its own sequence, so that turning capacity on does not reshuffle the fault dice.
  const random = createRandom(plan.seed ^ 0x5bd1e995);
  return (inFlight) => {
    if (inFlight <= plan.capacity) return { latencyFactor: 1, refuse: undefined };
    const [refuseDraw, statusDraw] = [random(), random()];
    const overload = (inFlight - plan.capacity) / plan.capacity;
    const refused = refuseDraw < overload / (1 + overload);
    return {
      latencyFactor: inFlight / plan.capacity,
      refuse: refused ? (statusDraw < 0.5 ? 429 : 503) : undefined,
    };
  };
}
