/**
 * A local stand-in for the Gemini REST API: the real `@google/genai` SDK talks to it unchanged when
 * no API key is set. It checks keys, models and bodies as the real API does, answers
 * deterministically after a simulated latency on the course's time scale, and can inject the
 * faults - and the overload past its `capacity` - that a resilient client has to survive.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import {
  StandinRejection,
  buildErrorBody,
  buildFaultBody,
  createFaultDice,
  createRandom,
  formatErrorBody,
  type ErrorBody,
} from "./faults.js";
import { inApiVersion } from "./fields.js";
import { STANDIN_API_KEY, checkApiKey } from "./keys.js";
import { createLoadModel } from "./load.js";
import { findModel, listModels, modelResource, requireModel } from "./models.js";
import { checkStandinOptions, type StandinOptions } from "./options.js";
import { prepareReply, type Reply } from "./responses.js";
import { readJsonBody, routeRequest, type GeminiRoute } from "./routing.js";
import { hashText } from "./text.js";

export type { StandinOptions, StandinRequestLog } from "./options.js";
export type { FaultStatus } from "./faults.js";
export { STANDIN_API_KEY } from "./keys.js";
export { STANDIN_MODELS, type StandinModel } from "./models.js";

/** Live counters of a running stand-in (the same object, updated in place). */
export interface StandinStats {
  /** Requests received. */
  requests: number;
  /** Requests not yet answered or abandoned. */
  inFlight: number;
  /** The most requests in flight at one moment. */
  maxInFlight: number;
  /** Requests answered with an injected fault (`failRate`, `midStreamFailRate`). */
  faults: number;
  /** Requests refused because more than `capacity` were in flight. */
  overloaded: number;
  /** Requests whose client went away before the answer ended. */
  aborted: number;
  /** Finished requests per status (499 = client went away). */
  byStatus: Record<number, number>;
}

/** A running stand-in. */
export interface Standin {
  /** Base URL to give the SDK as `httpOptions.baseUrl`, e.g. "http://127.0.0.1:40123". */
  url: string;
  port: number;
  /** The key to give the SDK: {@link STANDIN_API_KEY}. */
  apiKey: string;
  stats: Readonly<StandinStats>;
  /** Stops listening, drops open connections and pending answers; safe to call twice. */
  close(): Promise<void>;
}

const BODY_LIMIT = 20 * 1024 * 1024;

/**
 * Sends an error as the real API does; on a streaming call as `text/event-stream`, which makes the
 * SDK wrap the body a second time (js-genai's recording of a streamed 404 has that content type).
 */
function sendError(response: ServerResponse, body: ErrorBody, stream: boolean): void {
  const type = stream ? "text/event-stream" : "application/json; charset=UTF-8";
  response.writeHead(body.error.code, { "content-type": type });
  response.end(formatErrorBody(body));
}

function sendJson(response: ServerResponse, body: Record<string, unknown>): void {
  response.writeHead(200, { "content-type": "application/json; charset=UTF-8" });
  response.end(JSON.stringify(body));
}

/**
 * Starts the Gemini stand-in on 127.0.0.1 (a free port unless `port` is given).
 * @param options Port, latency, faults, capacity, keys and logging; see {@link StandinOptions}.
 * @returns The running stand-in with its URL, key, live stats and `close()`.
 * @throws {RangeError} (as a rejection) When an option is out of range, naming it and its value.
 * @throws {Error} (as a rejection) When the port is taken, naming the port; `cause` holds the system error.
 * @example
 * ```ts
 * const standin = await startStandin({ latencyMs: 200 });
 * const ai = new GoogleGenAI({ apiKey: standin.apiKey, httpOptions: { baseUrl: standin.url } });
 * const response = await ai.models.generateContent({ model: "gemini-2.5-flash", contents: "Hello?" });
 * console.log(response.text, standin.stats.requests); // a canned reply, 1
 * await standin.close();
 * ```
 */
export async function startStandin(options: StandinOptions = {}): Promise<Standin> {
  const config = checkStandinOptions(options);
  const stats: StandinStats = {
    requests: 0,
    inFlight: 0,
    maxInFlight: 0,
    faults: 0,
    overloaded: 0,
    aborted: 0,
    byStatus: {},
  };
  const rollDice = createFaultDice(config);
  const rollMidStream = createRandom(config.seed ^ 0x27d4eb2f);
  const weighLoad = createLoadModel(config);
  const pending = new Set<() => void>();
  const open = new Set<ServerResponse>();
  // Requests still being answered: the load the capacity is measured against. A request leaves
  // just before its last byte is written, so a client that waits for the answer and sends the
  // next request never finds its previous one still counted.
  const serving = new Set<ServerResponse>();

  // Waits `ms`, or less when the client goes away or the stand-in closes; true when the wait ran out.
  const pause = (ms: number, response: ServerResponse) =>
    new Promise<boolean>((resolve) => {
      if (response.destroyed) return resolve(false);
      const finish = (ranOut: boolean) => {
        clearTimeout(timer);
        pending.delete(cancel);
        response.off("close", cancel);
        resolve(ranOut);
      };
      const cancel = () => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      pending.add(cancel);
      response.once("close", cancel);
    });

  async function stream(
    response: ServerResponse,
    chunks: Record<string, unknown>[],
    model: string,
  ) {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    // A mid-stream fault comes after the first half of the chunks, as a `data: {"error":...}` event.
    const failDraw = rollMidStream();
    const failAt = failDraw < config.midStreamFailRate ? Math.floor(chunks.length / 2) : Infinity;
    for (const [i, chunk] of chunks.entries()) {
      if (i > 0 && !(await pause(config.streamChunkMs, response))) return;
      if (i === failAt) {
        const status =
          config.failStatuses[Math.floor(rollMidStream() * config.failStatuses.length)] ?? 503;
        stats.faults++;
        serving.delete(response);
        const event = buildFaultBody(status, config.retryDelayMs, model);
        return response.end(`data: ${JSON.stringify(event)}\r\n\r\n`);
      }
      // One whole event per write: the SDK throws on a stream that ends mid-event.
      if (i === chunks.length - 1) serving.delete(response);
      response.write(`data: ${JSON.stringify(chunk)}\r\n\r\n`);
    }
    response.end();
  }

  async function answer(request: IncomingMessage, response: ServerResponse, route: GeminiRoute) {
    const streaming = route.method === "streamGenerateContent";
    const load = weighLoad(serving.size);
    let reply: Reply;
    let modelVersion = "";
    try {
      checkApiKey(route.key, config);
      if (route.method === "listModels") {
        reply = { json: listModels(route.query) };
      } else if (route.method === "getModel") {
        const model = findModel(route.model ?? "");
        // The real answer (quoted by several projects' tests of models.get): no details.
        const message = `Model is not found: models/${route.model} for api version ${route.apiVersion}`;
        if (!model) throw new StandinRejection(404, message);
        reply = { json: modelResource(model) };
      } else {
        const model = requireModel(route.model ?? "", route.method, route.apiVersion);
        modelVersion = model.modelVersion;
        const body = await readJsonBody(request, BODY_LIMIT).catch((error: Error) => {
          throw new StandinRejection(400, error.message);
        });
        const responseId = hashText(`${stats.requests}:${JSON.stringify(body)}`).toString(36);
        reply = prepareReply(route.method, body, { model, responseId });
      }
    } catch (error) {
      if (!(error instanceof StandinRejection)) throw error;
      serving.delete(response);
      return sendError(response, inApiVersion(error.body, route.apiVersion), streaming);
    }
    const fate = rollDice();
    // Past capacity, a refusal comes quickly (a quarter of the latency), as a rate limiter's does.
    const latency = load.refuse
      ? config.latencyMs / 4
      : (fate.slow ? config.slowMs : config.latencyMs) * load.latencyFactor;
    if (!(await pause(latency, response))) return;
    serving.delete(response);
    const fault = load.refuse ?? fate.fail;
    if (fault !== undefined) {
      if (load.refuse) stats.overloaded++;
      else stats.faults++;
      return sendError(
        response,
        buildFaultBody(fault, config.retryDelayMs, modelVersion),
        streaming,
      );
    }
    if ("json" in reply) return sendJson(response, reply.json);
    serving.add(response);
    await stream(response, reply.chunks, modelVersion);
  }

  const server = createServer((request, response) => {
    const started = performance.now();
    const route = routeRequest(request);
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    open.add(response);
    if (route) serving.add(response);
    response.once("close", () => {
      open.delete(response);
      serving.delete(response);
      stats.inFlight--;
      const status = response.writableFinished ? response.statusCode : 499;
      if (status === 499) stats.aborted++;
      stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
      const [path = "/"] = (request.url ?? "/").split("?");
      const ms = Math.round(performance.now() - started);
      config.onRequest?.({
        httpMethod: request.method ?? "?",
        path,
        method: route?.method,
        model: route?.model,
        status,
        ms,
      });
    });
    if (!route) {
      const path = (request.url ?? "/").split("?")[0];
      const body = buildErrorBody(404, `Method not found: ${request.method} ${path}`);
      return sendError(response, body, false);
    }
    answer(request, response, route).catch((error: unknown) => {
      if (response.headersSent) return response.destroy(error as Error);
      const body = buildErrorBody(500, `Stand-in failed: ${(error as Error).message}`);
      sendError(response, body, route.method === "streamGenerateContent");
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const where = `${config.host}:${config.port}`;
      const message =
        error.code === "EADDRINUSE"
          ? `Cannot start stand-in: port ${config.port} on ${config.host} is already in use; stop what holds it or pick another port (0 picks a free one)`
          : `Cannot start stand-in on ${where}: ${error.message}`;
      reject(new Error(message, { cause: error }));
    });
    server.listen(config.port, config.host, resolve);
  });

  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      // A response's "close" event (which updates the stats) can come a tick after its socket's.
      const ended = [...open].map((response) => once(response, "close"));
      for (const cancel of [...pending]) cancel();
      server.closeAllConnections();
      await Promise.all([stopped, ...ended]);
    })());
  return { url: `http://${host}:${port}`, port, apiKey: STANDIN_API_KEY, stats, close };
}
