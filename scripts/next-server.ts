// The HTTP server `npm start` runs: Next's own request handler (a Next "custom server") behind a
// few lines that pass the TCP peer's address on in a header the client cannot set. Route
// handlers in the App Router see only headers; `next start` writes the peer into
// X-Forwarded-For only when the client sent none, so sign-in throttling could not tell a
// forged header from the truth (lib/auth/client-address.ts).
import { createServer } from "node:http";
import next from "next";
import { remoteAddressHeader } from "@/lib/auth/client-address";

const isDev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? "3000");
const app = next({ dev: isDev, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  delete request.headers[remoteAddressHeader];
  if (request.socket.remoteAddress) request.headers[remoteAddressHeader] = request.socket.remoteAddress;
  void handle(request, response);
});
server.listen(port, () => console.log(`quorum: ${isDev ? "development" : "production"} server ready on port ${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
