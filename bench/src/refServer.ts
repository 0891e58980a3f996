/**
 * The y-websocket reference server (@y/websocket-server 0.1.1), in memory, no persistence.
 *
 * This mirrors the package's own bin (`src/server.js`) line for line — an http server whose
 * `upgrade` handler passes every socket to `setupWSConnection` — with two differences needed
 * by the bench: it accepts PORT=0 and prints the chosen port as a JSON line
 * `{"msg":"listening","port":N}`, and it uses the same `ws` (8.23.0) as our server instead
 * of the package's optional ws@6, so both servers share a WebSocket implementation.
 * URL scheme: ws://HOST:PORT/<room>.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

if (process.env.YPERSISTENCE !== undefined) {
  console.error('refServer: YPERSISTENCE must not be set (the reference runs in memory)');
  process.exit(2);
}

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? '0');

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});

wss.on('connection', setupWSConnection);

server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => {
    wss.emit('connection', ws, request);
  });
});

server.listen(port, host, () => {
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  process.stdout.write(JSON.stringify({ level: 30, msg: 'listening', host, port: actual }) + '\n');
});

const stop = (): void => {
  wss.clients.forEach((c) => c.terminate());
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
