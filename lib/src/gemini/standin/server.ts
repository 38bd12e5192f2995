/**
 * A local stand-in for the Gemini REST API: the real `@google/genai` SDK talks to it unchanged when
 * no API key is set. It answers deterministically, after a simulated latency on the course's time
 * scale, and can inject the faults a resilient client has to survive.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { buildErrorBody, buildFaultBody, createFaultDice, type ErrorBody } from "./faults.js";
import { prepareReply, type Reply } from "./responses.js";
import { readJsonBody, routeRequest, type GeminiRoute } from "./routing.js";
import { checkStandinOptions, type StandinOptions } from "./options.js";
import { hashText } from "./text.js";

export type { StandinOptions, StandinRequestLog } from "./options.js";
export type { FaultStatus } from "./faults.js";

/** Live counters of a running stand-in (the same object, updated in place). */
export interface StandinStats {
  /** Requests received. */
  requests: number;
  /** Requests not yet answered or abandoned. */
  inFlight: number;
  /** The most requests in flight at one moment. */
  maxInFlight: number;
  /** Requests answered with an injected fault. */
  faults: number;
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
  stats: Readonly<StandinStats>;
  /** Stops listening, drops open connections and pending answers; safe to call twice. */
  close(): Promise<void>;
}

const BODY_LIMIT = 20 * 1024 * 1024;

function sendJson(
  response: ServerResponse,
  status: number,
  body: ErrorBody | Record<string, unknown>,
): void {
  response.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
  response.end(JSON.stringify(body));
}

/**
 * Starts the Gemini stand-in on 127.0.0.1 (a free port unless `port` is given).
 * @param options Port, latency, faults and logging; see {@link StandinOptions}.
 * @returns The running stand-in with its URL, live stats and `close()`.
 * @throws {RangeError} (as a rejection) When an option is out of range, naming it and its value.
 * @throws {Error} (as a rejection) When the port is taken, naming the port; `cause` holds the system error.
 * @example
 * ```ts
 * const standin = await startStandin({ latencyMs: 200 });
 * const ai = new GoogleGenAI({ apiKey: "offline", httpOptions: { baseUrl: standin.url } });
 * const response = await ai.models.generateContent({ model: "any-model", contents: "Hello?" });
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
    aborted: 0,
    byStatus: {},
  };
  const rollDice = createFaultDice(config);
  const pending = new Set<() => void>();
  const open = new Set<ServerResponse>();

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

  async function answer(
    request: IncomingMessage,
    response: ServerResponse,
    route: GeminiRoute | undefined,
  ) {
    if (!route) {
      const path = (request.url ?? "/").split("?")[0];
      return sendJson(
        response,
        404,
        buildErrorBody(404, `Method not found: ${request.method} ${path}`),
      );
    }
    if (route.key === undefined) {
      const message =
        "Method doesn't allow unregistered callers. Pass an API key in the x-goog-api-key header.";
      return sendJson(response, 401, buildErrorBody(401, message));
    }
    if (config.rejectKeys.includes(route.key)) {
      const details = [
        { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID" },
      ];
      return sendJson(
        response,
        403,
        buildErrorBody(403, "API key not valid. Please pass a valid API key.", details),
      );
    }
    let reply: Reply;
    try {
      const body = await readJsonBody(request, BODY_LIMIT);
      const responseId = hashText(`${stats.requests}:${JSON.stringify(body)}`).toString(36);
      reply = prepareReply(route.method, body, { model: route.model, responseId });
    } catch (error) {
      return sendJson(response, 400, buildErrorBody(400, (error as Error).message));
    }
    const fate = rollDice();
    if (!(await pause(fate.slow ? config.slowMs : config.latencyMs, response))) return;
    if (fate.fail !== undefined) {
      stats.faults++;
      return sendJson(response, fate.fail, buildFaultBody(fate.fail, config.retryDelayMs));
    }
    if ("json" in reply) return sendJson(response, 200, reply.json);
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const { chunks } = reply;
    for (const [i, chunk] of chunks.entries()) {
      if (i > 0 && !(await pause(config.streamChunkMs, response))) return;
      // One whole event per write: the SDK throws on a stream that ends mid-event.
      response.write(`data: ${JSON.stringify(chunk)}\r\n\r\n`);
    }
    response.end();
  }

  const server = createServer((request, response) => {
    const started = performance.now();
    const route = routeRequest(request);
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    open.add(response);
    response.once("close", () => {
      open.delete(response);
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
    answer(request, response, route).catch((error: unknown) => {
      if (response.headersSent) return response.destroy(error as Error);
      sendJson(response, 500, buildErrorBody(500, `Stand-in failed: ${(error as Error).message}`));
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
  return { url: `http://${host}:${port}`, port, stats, close };
}
