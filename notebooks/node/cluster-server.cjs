// A cluster of two HTTP server processes sharing one port, for notebook 11. The primary forks the
// workers, prints the port once both listen, and stops them when it is told to stop.
const cluster = require("node:cluster");
const http = require("node:http");

if (cluster.isPrimary) {
  for (let i = 0; i < 2; i++) cluster.fork();
  let listening = 0;
  cluster.on("listening", (_worker, address) => {
    if (++listening === 2) console.log(address.port);
  });
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
    process.exit(0);
  });
} else {
  // Port 0 in a cluster: the primary picks one free port and every worker shares it.
  http
    .createServer((_request, response) => response.end(String(process.pid)))
    .listen(0, "127.0.0.1");
}
