/**
 * Runs `task` over `items` with at most `limit` in flight, keeping the results in order. Workers
 * allow 6 open connections per invocation; callers pass a limit at or under that.
 */
export async function pool<T, R>(
  items: T[],
  limit: number,
  task: (t: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await task(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
