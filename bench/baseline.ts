/**
 * The ceiling of this machine: a bare `Bun.serve` answering a fixed JSON body, with none of the
 * service's middleware, validation or storage. Prints its URL as one JSON line, like the server.
 */
const body = JSON.stringify({ id: "019ac9a4-6f2e-7c3b-8a1d-4e5f6a7b8c9d", status: "upcoming", guestCount: 2 });

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: Number(process.env.PORT ?? 0),
  fetch: () => new Response(body, { headers: { "Content-Type": "application/json" } }),
});
console.log(JSON.stringify({ message: "listening", url: `http://127.0.0.1:${server.port}` }));
process.once("SIGTERM", () => process.exit(0));
