// A plain static file server on 127.0.0.1 for the site's browser test: what any static host does.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".ipynb": "application/x-ipynb+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** A running server: its origin (http://127.0.0.1:PORT) and a way to stop it. */
export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 at a free port; a folder's URL serves its index.html. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server: Server = createServer((request, response) => {
    void respond(root, request.url ?? "/", response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function respond(
  root: string,
  url: string,
  response: import("node:http").ServerResponse,
): Promise<void> {
  const { pathname } = new URL(url, "http://localhost");
  let file = path.join(root, decodeURIComponent(pathname));
  if (file !== root && !file.startsWith(root + path.sep)) {
    response.writeHead(403).end("outside the site");
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) file = path.join(file, "index.html");
  const exists = info?.isDirectory() ? await stat(file).catch(() => undefined) : info;
  if (!exists?.isFile()) {
    response.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${pathname}`);
    return;
  }
  const type = TYPES[path.extname(file)] ?? "application/octet-stream";
  response.writeHead(200, { "content-type": type, "content-length": exists.size });
  createReadStream(file).pipe(response);
}
