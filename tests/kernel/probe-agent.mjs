// The program each source namespace of the kernel lane runs: it reads one request per line
// on stdin, makes that one connection (TCP connect and read the answer, or UDP send on a
// connected socket and wait for the answer) and writes one JSON line with what happened:
//   { id, localPort, answer } or { id, localPort, error: timeout|refused|unreachable|reset|... }
// Each connection comes from its own source port (from BASE upward), chosen here so the lane
// can find the connection's conntrack entries. Exits when stdin closes.
//
//   request: { "id": 1, "ip": "10.96.0.1", "port": 80, "proto": "TCP", "timeoutMs": 1000 }

import { connect } from 'node:net';
import { createSocket } from 'node:dgram';
import { createInterface } from 'node:readline';

const BASE = 20000;
const SPAN = 20000;
let next = 0;
const LIFETIME_MS = 10 * 60 * 1000;

const errorName = (e) => ({
  ECONNREFUSED: 'refused', EHOSTUNREACH: 'unreachable', ENETUNREACH: 'unreachable', ECONNRESET: 'reset', ETIMEDOUT: 'timeout',
})[e.code] ?? `error ${e.code ?? e.message}`;

function parseAnswer(text) {
  try { return JSON.parse(text.split('\n')[0]); } catch { return undefined; }
}

function tcp(req, localPort) {
  return new Promise((resolve) => {
    let data = '';
    let done = false;
    const finish = (r) => { if (!done) { done = true; clearTimeout(timer); socket.destroy(); resolve(r); } };
    const socket = connect({ host: req.ip, port: req.port, localAddress: req.localAddress ?? '0.0.0.0', localPort });
    const timer = setTimeout(() => finish({ error: 'timeout' }), req.timeoutMs);
    socket.on('data', (d) => { data += d; });
    socket.on('end', () => {
      const answer = parseAnswer(data);
      finish(answer ? { answer } : { error: 'reset' });
    });
    socket.on('error', (e) => finish(data ? { answer: parseAnswer(data) } : { error: errorName(e) }));
  });
}

function udp(req, localPort) {
  return new Promise((resolve) => {
    let done = false;
    const socket = createSocket('udp4');
    const finish = (r) => { if (!done) { done = true; clearTimeout(timer); socket.close(); resolve(r); } };
    const timer = setTimeout(() => finish({ error: 'timeout' }), req.timeoutMs);
    socket.on('message', (msg) => {
      const answer = parseAnswer(msg.toString());
      finish(answer ? { answer } : { error: 'garbled' });
    });
    socket.on('error', (e) => finish({ error: errorName(e) }));
    socket.bind(localPort, req.localAddress ?? '0.0.0.0', () => {
      socket.connect(req.port, req.ip, (err) => {
        if (err) return finish({ error: errorName(err) });
        socket.send('hello');
      });
    });
  });
}

const lines = createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  const req = JSON.parse(line);
  queue = queue.then(async () => {
    const localPort = BASE + (next++ % SPAN);
    const result = await (req.proto === 'UDP' ? udp : tcp)(req, localPort);
    process.stdout.write(`${JSON.stringify({ id: req.id, localPort, ...result })}\n`);
  });
});
lines.on('close', () => { queue.then(() => process.exit(0)); });
setTimeout(() => process.exit(0), LIFETIME_MS);
process.stdout.write('ready\n');
