// sendMessage round trips through the official JS SDK (@green-api/whatsapp-api-client-js-v2) against the
// sandbox server. GreenApi.Benchmarks (Scenarios/ClientScenario.cs) starts it with NODE_PATH set to the
// scratch folder the SDK was installed into, and drives it over stdin so that its rounds interleave with
// the C# clients' rounds against the same server:
//   "round <calls> <concurrency>"  runs that many calls with that many in flight, prints {"perSecond": x}
//   "quit"                         exits
'use strict';
const readline = require('readline');
const { GreenApiClient } = require('@green-api/whatsapp-api-client-js-v2');
const { GreenApiLogger } = require('@green-api/whatsapp-api-client-js-v2/dist/utils/logger');

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const url = env('BENCH_URL').replace(/\/$/, '');
const idInstance = Number(env('BENCH_ID'));

// Logging silenced: the SDK logs every request at info level (as coloured JSON) through a singleton logger.
for (const name of Object.getOwnPropertyNames(GreenApiLogger.prototype)) {
  if (name !== 'constructor' && typeof GreenApiLogger.prototype[name] === 'function') GreenApiLogger.prototype[name] = () => {};
}

const client = new GreenApiClient({ idInstance, apiTokenInstance: env('BENCH_TOKEN') });
// The SDK has no setting for the host (https://api.green-api.com is fixed); point its axios instance at the sandbox.
client.client.defaults.baseURL = `${url}/waInstance${idInstance}`;

async function send() {
  const answer = await client.sendMessage({ chatId: '79001234567@c.us', message: 'Hello from the benchmark' });
  if (!answer || !answer.idMessage) throw new Error('sendMessage answered without an idMessage: ' + JSON.stringify(answer));
}

async function run(count, concurrency) {
  let next = 0;
  const worker = async () => {
    while (++next <= count) await send();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const lines = readline.createInterface({ input: process.stdin });
let chain = Promise.resolve();
lines.on('line', (line) => {
  chain = chain.then(async () => {
    const [command, calls, concurrency] = line.trim().split(/\s+/);
    if (command === 'quit') process.exit(0);
    if (command !== 'round') throw new Error(`unknown command '${line}'`);
    const start = process.hrtime.bigint();
    await run(Number(calls), Number(concurrency));
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    process.stdout.write(JSON.stringify({ perSecond: Number(calls) / seconds }) + '\n');
  }).catch((e) => {
    console.error(e && e.stack ? e.stack : String(e));
    process.exit(1);
  });
});
