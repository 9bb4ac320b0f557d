// The program each pod namespace of the kernel lane runs: a TCP and a UDP server on every
// port given, answering each connection (or datagram) with one JSON line: the pod's name,
// the source address and port the pod saw, and the local address and port it was reached on.
// Prints "ready" once every socket is bound, then one line per connection or datagram it
// answers (`{"hit": ...}`), so the lane knows a backend was reached even when its answer
// never made it back to the client. Exits when its stdin closes (the test ended or
// died) and after a hard lifetime, so it never outlives the lane.
//
//   node echo-server.mjs POD_NAME PORT/PROTO...      e.g. web-0 8080/TCP 5353/UDP

import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';

const LIFETIME_MS = 10 * 60 * 1000;
const [pod, ...specs] = process.argv.slice(2);
const answer = (src, sport, dst, dport) => {
  const text = JSON.stringify({ pod, src, sport, dst, dport });
  process.stdout.write(`{"hit":${text}}\n`);
  return `${text}\n`;
};

function tcp(port) {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => {
      socket.on('error', () => socket.destroy());
      socket.end(answer(socket.remoteAddress, socket.remotePort, socket.localAddress, socket.localPort));
    });
    server.on('error', reject);
    server.listen({ port, host: '0.0.0.0' }, resolve);
  });
}

function udp(port) {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.on('message', (_msg, rinfo) => {
      // The local address a datagram reached: the bound socket only knows 0.0.0.0, so the
      // pod's own address stands in (pods have one); the lane compares the port.
      const local = socket.address();
      socket.send(answer(rinfo.address, rinfo.port, process.env.POD_IP ?? local.address, local.port), rinfo.port, rinfo.address);
    });
    socket.on('error', reject);
    socket.bind(port, '0.0.0.0', resolve);
  });
}

const listeners = specs.map((spec) => {
  const [port, proto] = spec.split('/');
  return proto === 'UDP' ? udp(Number(port)) : tcp(Number(port));
});
Promise.all(listeners).then(() => process.stdout.write('ready\n'), (e) => {
  process.stderr.write(`echo-server ${pod}: ${e.message}\n`);
  process.exit(1);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
setTimeout(() => process.exit(0), LIFETIME_MS);
