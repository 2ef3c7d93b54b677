import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';

export interface CuttingProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of an LDAP server that drops every connection once the server has sent `cutAfterBytes`
 * to the client: the directory going away in the middle of a search.
 */
export async function startCuttingProxy(targetPort: number, cutAfterBytes: number): Promise<CuttingProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let relayed = 0;
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      const room = cutAfterBytes - relayed;
      relayed += chunk.length;
      if (room > 0) client.write(chunk.subarray(0, room));
      if (relayed >= cutAfterBytes) {
        client.destroy();
        upstream.destroy();
      }
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `ldap://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
