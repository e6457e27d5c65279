/**
 * Wraps a KV namespace to count what a run spends: writes (1,000 a day on the Free plan) and
 * operations (1,000 per invocation). Stores take it like any KVNamespace.
 */
export class CountingKV {
  writes = 0
  reads = 0

  constructor(private readonly kv: KVNamespace) {}

  get: KVNamespace['get'] = ((key: string, opts?: unknown) => {
    this.reads++
    return this.kv.get(key, opts as never)
  }) as KVNamespace['get']

  getWithMetadata: KVNamespace['getWithMetadata'] = ((key: string, opts?: unknown) => {
    this.reads++
    return this.kv.getWithMetadata(key, opts as never)
  }) as KVNamespace['getWithMetadata']

  list: KVNamespace['list'] = ((opts?: KVNamespaceListOptions) => {
    this.reads++
    return this.kv.list(opts)
  }) as KVNamespace['list']

  put: KVNamespace['put'] = (key, value, opts) => {
    this.writes++
    return this.kv.put(key, value, opts)
  }

  delete: KVNamespace['delete'] = (key) => {
    this.writes++
    return this.kv.delete(key)
  }

  /** The wrapper, typed as the namespace it stands for. */
  asNamespace(): KVNamespace {
    return this as unknown as KVNamespace
  }
}
