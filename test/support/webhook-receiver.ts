import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed body. */
  event: Record<string, any>;
}

/** What the receiver does with a request: answer a status (with headers), or never answer ('hang'). */
export type ReceiverAnswer = number | { status: number; headers: Record<string, string> } | 'hang';

export interface WebhookReceiver {
  /** The base URL, http://127.0.0.1:port. */
  url: string;
  /** Every request, answered or not, in arrival order. */
  received: ReceivedWebhook[];
  /** Decides the answer to each request; 204 unless set. */
  answer: (request: ReceivedWebhook) => ReceiverAnswer;
  /** True when the request's signature is valid for this secret (Standard Webhooks' own verification). */
  verifies(request: ReceivedWebhook, secret: string): boolean;
  close(): Promise<void>;
}

/** A local HTTP receiver of webhooks on 127.0.0.1, that can fail, hang or redirect on demand. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const hanging = new Set<ServerResponse>();
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    answer: () => 204,
    verifies(request, secret) {
      try {
        new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let event: Record<string, unknown> = {};
      try {
        event = JSON.parse(body) as Record<string, unknown>;
      } catch {
        // kept as an empty event: the test sees the raw body
      }
      const received: ReceivedWebhook = { path: request.url ?? '/', headers: request.headers, body, event };
      receiver.received.push(received);
      const answer = receiver.answer(received);
      if (answer === 'hang') {
        hanging.add(response);
        return;
      }
      const { status, headers } = typeof answer === 'number' ? { status: answer, headers: {} } : answer;
      response.writeHead(status, headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
