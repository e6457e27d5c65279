import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { filteredList, isListCursor, STOP } from '../../src/store/filtered-list.ts'

// Keys k:00..k:19 with metadata {n}; small batches stand in for KV's 1,000-key list() calls.
const PREFIX = 'fl:'
const key = (n: number) => `${PREFIX}${String(n).padStart(2, '0')}`

async function follow(opts: {
  limit: number
  maxCalls: number
  batch: number
  keep: (n: number) => boolean
  stopAt?: number
}) {
  const seen: number[] = []
  const pages: number[][] = []
  let cursor: string | undefined
  let calls = 0
  for (let guard = 0; guard < 100; guard++) {
    const page = await filteredList<{ n: number }, number>(env.WATCH, {
      prefix: PREFIX,
      cursor,
      limit: opts.limit,
      maxCalls: opts.maxCalls,
      batch: opts.batch,
      pick: (k) =>
        opts.stopAt !== undefined && k.metadata!.n >= opts.stopAt
          ? STOP
          : opts.keep(k.metadata!.n)
            ? k.metadata!.n
            : null,
    })
    expect(page.calls).toBeLessThanOrEqual(opts.maxCalls)
    calls += page.calls
    pages.push(page.items)
    seen.push(...page.items)
    if (!page.cursor) return { seen, pages, calls }
    expect(isListCursor(page.cursor)).toBe(true)
    cursor = page.cursor
  }
  throw new Error('cursor never ended')
}

describe('filteredList', () => {
  beforeAll(async () => {
    for (let n = 0; n < 20; n++) await env.WATCH.put(key(n), '', { metadata: { n } })
  })

  it('resumes inside a batch and across batches, each key once, in order', async () => {
    const { seen, pages } = await follow({
      limit: 4,
      maxCalls: 10,
      batch: 3,
      keep: (n) => n % 3 !== 1,
    })
    const want = Array.from({ length: 20 }, (_, n) => n).filter((n) => n % 3 !== 1)
    expect(seen).toEqual(want)
    expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 1])
  })

  it('returns a short page with a cursor when the call bound is reached, and still gets everything', async () => {
    const { seen, pages, calls } = await follow({
      limit: 5,
      maxCalls: 2,
      batch: 3,
      keep: (n) => n === 19,
    })
    expect(seen).toEqual([19])
    // 20 keys in batches of 3 take 7 calls, two per request: three empty pages, then the match.
    expect(pages).toEqual([[], [], [], [19]])
    expect(calls).toBe(7)
  })

  it('ends at STOP without a cursor', async () => {
    const { seen, pages } = await follow({
      limit: 100,
      maxCalls: 10,
      batch: 4,
      keep: () => true,
      stopAt: 6,
    })
    expect(seen).toEqual([0, 1, 2, 3, 4, 5])
    expect(pages).toHaveLength(1)
  })

  it('refuses a cursor it did not make', async () => {
    expect(isListCursor('bogus')).toBe(false)
    expect(isListCursor(btoa(JSON.stringify({ c: null, s: -1 })))).toBe(false)
    await expect(
      filteredList(env.WATCH, {
        prefix: PREFIX,
        cursor: 'bogus',
        limit: 1,
        maxCalls: 1,
        pick: () => null,
      }),
    ).rejects.toThrow('invalid list cursor')
  })
})
