// Runs the example server in a process of its own for server.test.ts, so that the delay its
// event loop sees is the server's alone. Prints the port; on stdin "start" begins measuring the
// event loop's delay, on "stop" prints {"p99": ms, "max": ms} and starts afresh, so that a retried
// test measures again; the test kills the process at the end.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

import { createDownsampleServer } from '../../examples/server.mjs';

const server = createDownsampleServer();
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
const delay = monitorEventLoopDelay({ resolution: 1 });
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'start') {
    delay.enable();
    console.log(JSON.stringify({ started: true }));
  } else if (line === 'stop') {
    delay.disable();
    console.log(JSON.stringify({ p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 }));
    delay.reset();
  }
});
