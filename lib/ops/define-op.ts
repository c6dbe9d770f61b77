// How an op family's prepare function becomes its public functions, run synchronously or off the
// JavaScript thread.
import { type PoolCall, runPool, runPoolAsync } from '../native';

/** A validated native call and how to build the op's result once it has run. */
export interface PreparedCall<Result> {
  call: PoolCall;
  /** `status` is what the native call returned (see runPool). */
  result(status: number): Result;
}

/**
 * An op family's public functions. `config` is what tells the family's members apart (the number
 * of spatial dims, or the global operation); `fn` is the public name that errors carry.
 */
export interface DefinedOp<Config, Args extends unknown[], Result> {
  sync(fn: string, config: Config): (...args: Args) => Result;
  async(fn: string, config: Config): (...args: Args) => Promise<Result>;
}

export function defineOp<Config, Args extends unknown[], Result>(
  prepare: (fn: string, config: Config, ...args: Args) => PreparedCall<Result>,
): DefinedOp<Config, Args, Result> {
  return {
    sync:
      (fn, config) =>
      (...args) => {
        const prepared = prepare(fn, config, ...args);
        return prepared.result(runPool(prepared.call));
      },
    // Bad arguments reject rather than throw, since validation runs inside the async function.
    async:
      (fn, config) =>
      async (...args) => {
        const prepared = prepare(fn, config, ...args);
        return prepared.result(await runPoolAsync(fn, prepared.call));
      },
  };
}
