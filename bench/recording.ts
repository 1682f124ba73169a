/**
 * Worker-side: an environment whose ARCHIVE (R2) and SEARCH (D1) bindings write down every read they serve, in order,
 * so the I/O floor can replay exactly the storage work wirefeed did for a request (recorder-entry.ts uses it).
 */

export interface R2Read {
  readonly key: string;
  /** The ranged GET's bytes; absent: the whole object. */
  readonly range?: { readonly offset: number; readonly length: number };
}

export interface D1Statement {
  readonly sql: string;
  readonly args: readonly unknown[];
}

/** One round trip to D1: a batch, or one statement run alone (`all`, `first`, `raw`, `run`). */
export interface D1Step {
  readonly method: 'batch' | 'all' | 'first' | 'raw' | 'run';
  readonly statements: readonly D1Statement[];
}

export interface Recorded {
  readonly r2: R2Read[];
  readonly d1: D1Step[];
}

function rangeOf(options: R2GetOptions | undefined): R2Read['range'] {
  const range = options?.range;
  if (range === undefined || range instanceof Headers) return undefined;
  if ('offset' in range && 'length' in range && range.offset !== undefined && range.length !== undefined)
    return { offset: range.offset, length: range.length };
  return undefined;
}

export function recordingBucket(bucket: R2Bucket, recorded: Recorded): R2Bucket {
  return new Proxy(bucket, {
    get(target, property) {
      if (property === 'get')
        return (key: string, options?: R2GetOptions) => {
          const range = rangeOf(options);
          recorded.r2.push(range ? { key, range } : { key });
          return target.get(key, options);
        };
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const executions = ['all', 'first', 'raw', 'run'] as const;

export function recordingDatabase(database: D1Database, recorded: Recorded): D1Database {
  /** Each statement handed out, with what it will run: batch() gets them back. */
  const statements = new WeakMap<object, { real: D1PreparedStatement; statement: D1Statement }>();
  const wrap = (real: D1PreparedStatement, statement: D1Statement): D1PreparedStatement => {
    const wrapped = new Proxy(real, {
      get(target, property) {
        if (property === 'bind')
          return (...args: unknown[]) => wrap(target.bind(...args), { sql: statement.sql, args });
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== 'function') return value;
        if ((executions as readonly (string | symbol)[]).includes(property))
          return (...args: unknown[]) => {
            recorded.d1.push({ method: property as D1Step['method'], statements: [statement] });
            return (value as (...args: unknown[]) => unknown).apply(target, args);
          };
        return value.bind(target);
      },
    });
    statements.set(wrapped, { real, statement });
    return wrapped;
  };
  return new Proxy(database, {
    get(target, property) {
      if (property === 'prepare') return (sql: string) => wrap(target.prepare(sql), { sql, args: [] });
      if (property === 'batch')
        return (batch: D1PreparedStatement[]) => {
          const known = batch.map((statement) => statements.get(statement));
          recorded.d1.push({
            method: 'batch',
            statements: known.map((entry) => entry?.statement ?? { sql: '?', args: [] }),
          });
          return target.batch(batch.map((statement, index) => known[index]?.real ?? statement));
        };
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** `env` with its ARCHIVE and SEARCH reads written into `recorded`. */
export function recordingEnv(env: Env, recorded: Recorded): Env {
  return { ...env, ARCHIVE: recordingBucket(env.ARCHIVE, recorded), SEARCH: recordingDatabase(env.SEARCH, recorded) };
}
