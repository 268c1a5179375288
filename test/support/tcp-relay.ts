/**
 * A TCP relay on loopback in front of a local server (Redis, PostgreSQL), which a test can take
 * away and bring back on the same port: the server going down and coming back, without touching
 * the server itself.
 */
export async function tcpRelay(targetPort: number) {
  type Side = { upstream?: import("bun").Socket<unknown>; pending: Uint8Array[] };
  const listen = (port: number) =>
    Bun.listen<Side>({
      hostname: "127.0.0.1",
      port,
      socket: {
        async open(client) {
          client.data = { pending: [] };
          const upstream = await Bun.connect({
            hostname: "127.0.0.1",
            port: targetPort,
            socket: {
              data: (_, chunk) => void client.write(chunk),
              close: () => void client.end(),
              error: () => void client.end(),
            },
          });
          client.data.upstream = upstream;
          for (const chunk of client.data.pending) upstream.write(chunk);
        },
        data(client, chunk) {
          if (client.data.upstream) client.data.upstream.write(chunk);
          else client.data.pending.push(new Uint8Array(chunk));
        },
        close: (client) => void client.data.upstream?.end(),
        error: (client) => void client.data.upstream?.end(),
      },
    });
  let listener: ReturnType<typeof listen> | null = listen(0);
  const port = listener.port;
  return {
    port,
    /** Closes the port and every connection through it. */
    takeAway() {
      listener?.stop(true);
      listener = null;
    },
    bringBack() {
      listener ??= listen(port);
    },
  };
}
