// Timing: every contestant of a case is checked, calibrated, warmed up, then timed in interleaved
// rounds (the order rotates each round), so a noisy neighbour hits all of them alike. A sample is the
// mean time of a batch of calls long enough for the clock, after a turn of the event loop; the result
// is the median sample.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Compares an output with the reference: float outputs within 1e-5 relative (float32 sums of the
 * same taps in another order differ by an ulp or so); integer outputs exactly, unless the peer returns
 * floats for an integer case (TF.js), where rounding may move them by at most 0.5.
 */
export function checkOutput(output, reference) {
  if (!output || output.length !== reference.length)
    return { ok: false, detail: `length ${output?.length} ≠ ${reference.length}` };
  const integerReference = !(reference instanceof Float32Array || reference instanceof Float64Array);
  const floatOutput = output instanceof Float32Array || output instanceof Float64Array;
  let mismatches = 0;
  let first = -1;
  for (let i = 0; i < reference.length; i++) {
    const error = Math.abs(output[i] - reference[i]);
    const allowed = !integerReference ? 1e-5 * Math.max(1, Math.abs(reference[i])) : floatOutput ? 0.5 : 0;
    if (!(error <= allowed)) {
      if (first < 0) first = i;
      mismatches++;
    }
  }
  if (mismatches === 0) return { ok: true };
  return {
    ok: false,
    detail: `${mismatches} of ${reference.length} differ; first at ${first}: ${output[first]} vs ${reference[first]}`,
  };
}

// A turn of the event loop, as a server takes between requests: V8 finishes its incremental
// collections in tasks and Node finalizes external buffers there, so a loop that never yields frees
// nothing (in a loop of fresh 6.4 MB results, every call then pays new memory's page faults).
const turnOfTheLoop = () => new Promise((resolve) => setImmediate(resolve));

async function timeBatch(contestant, calls) {
  await turnOfTheLoop();
  if (contestant.sample) return contestant.sample(calls);
  const start = process.hrtime.bigint();
  if (contestant.async) for (let i = 0; i < calls; i++) await contestant.run();
  else for (let i = 0; i < calls; i++) contestant.run();
  return Number(process.hrtime.bigint() - start) / 1e9 / calls;
}

/**
 * Checks and times a case's contestants. The reference is the first output of the contestant marked
 * `isReference`. Each contestant comes back with `seconds` (the median) or `failure` (why it was not
 * timed), plus `samples` and `callsPerSample`.
 * @param {{ rounds: number, sampleSeconds: number, warmUpSeconds: number, slowCallSeconds: number, slowSamples: number }} plan
 */
export async function measure(contestants, plan) {
  const reference = contestants.find((c) => c.isReference);
  await reference.before?.();
  const expected = (await reference.run()).slice();
  const timed = [];
  for (const contestant of contestants) {
    if (contestant.unsupported) continue;
    await contestant.before?.();
    contestant.reportedThreads = contestant.actualThreads?.(); // what poolnd says it runs on
    if (!contestant.sample) {
      const check = checkOutput(await contestant.run(), expected);
      if (!check.ok) {
        contestant.failure = `disagrees with the reference (${check.detail})`;
        continue;
      }
    }
    const oneCall = await timeBatch(contestant, 1); // also a warm-up for the slow ones
    contestant.slow = oneCall > plan.slowCallSeconds;
    contestant.callsPerSample = Math.max(1, Math.min(1e6, Math.round(plan.sampleSeconds / oneCall)));
    // Warm-up: long enough for V8 to optimise the JavaScript on the path (poolnd's facade, the peers'
    // wrappers), which takes thousands of calls for the small cases.
    if (!contestant.slow) {
      const warmUpEnd = performance.now() + plan.warmUpSeconds * 1e3;
      do await timeBatch(contestant, contestant.callsPerSample);
      while (performance.now() < warmUpEnd);
    }
    contestant.samples = [];
    timed.push(contestant);
  }
  for (let round = 0; round < plan.rounds; round++) {
    for (let i = 0; i < timed.length; i++) {
      const contestant = timed[(i + round) % timed.length];
      if (contestant.slow && contestant.samples.length >= plan.slowSamples) continue;
      await contestant.before?.();
      contestant.samples.push(await timeBatch(contestant, contestant.callsPerSample));
    }
  }
  for (const contestant of timed) contestant.seconds = median(contestant.samples);
  return contestants;
}
