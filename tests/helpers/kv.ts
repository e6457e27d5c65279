/** Every key written or deleted through a wrapped namespace, in order. */
export interface KvSpy {
  kv: KVNamespace
  writes: string[]
}

/** Wraps a KV namespace so a test can assert exactly which keys a run wrote (or that it wrote none). */
export function spyKv(inner: KVNamespace): KvSpy {
  const writes: string[] = []
  const kv = new Proxy(inner, {
    get(target, prop) {
      if (prop === 'put' || prop === 'delete') {
        return (key: string, ...rest: unknown[]) => {
          writes.push(key)
          return (target[prop] as (...a: unknown[]) => unknown).call(target, key, ...rest)
        }
      }
      const v = Reflect.get(target, prop)
      return typeof v === 'function' ? v.bind(target) : v
    },
  })
  return { kv, writes }
}

/** All keys in a namespace with their text values, for before/after comparisons. */
export async function dumpKv(kv: KVNamespace): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  let cursor: string | undefined
  do {
    const page = await kv.list({ cursor })
    for (const k of page.keys) out.set(k.name, (await kv.get(k.name, 'text')) ?? '')
    cursor = page.list_complete ? undefined : page.cursor
  } while (cursor)
  return out
}
