import { keys, sha256Hex } from './keys.ts'

/**
 * Largest raw page kept as evidence. The fetcher already stops at its byte cap; this bound keeps a
 * future larger cap from producing values near KV's 25 MiB limit.
 */
export const EVIDENCE_MAX_BYTES = 8 * 1024 * 1024

export interface EvidenceRef {
  key: string
  sha256: string
  capturedAt: string
  bytes: number
  finalUrl: string
  /** The response headers as captured (the fetcher's safe subset). */
  headers: Record<string, string>
  truncated: boolean
}

/** Listing view kept in metadata (under KV's 1 KiB). */
interface EvidenceMeta {
  sha256: string
  capturedAt: string
  bytes: number
  contentType: string
}

async function pipe(data: Uint8Array, stream: CompressionStream | DecompressionStream) {
  const out = new Response(new Response(data).body!.pipeThrough(stream))
  return new Uint8Array(await out.arrayBuffer())
}

/**
 * Captured pages in KV (`evidence:` keys), gzip-compressed and keyed by their SHA-256: the same page
 * captured twice (a retried run, two alerts of one scan) is stored once.
 */
export class EvidenceStore {
  constructor(private readonly kv: KVNamespace) {}

  async put(page: {
    body: Uint8Array
    headers: Record<string, string>
    finalUrl: string
    fetchedAt: string
  }): Promise<EvidenceRef> {
    const truncated = page.body.length > EVIDENCE_MAX_BYTES
    const body = truncated ? page.body.subarray(0, EVIDENCE_MAX_BYTES) : page.body
    const sha256 = await sha256Hex(body)
    const key = keys.evidence(sha256)
    const ref: EvidenceRef = {
      key,
      sha256,
      capturedAt: page.fetchedAt,
      bytes: body.length,
      finalUrl: page.finalUrl,
      headers: page.headers,
      truncated,
    }
    if ((await this.kv.list({ prefix: key, limit: 1 })).keys.length > 0) return ref
    const meta: EvidenceMeta = {
      sha256,
      capturedAt: page.fetchedAt,
      bytes: body.length,
      contentType: (page.headers['content-type'] ?? '').slice(0, 200),
    }
    await this.kv.put(key, await pipe(body, new CompressionStream('gzip')), { metadata: meta })
    return ref
  }

  /** The page exactly as captured (decompressed), or null. */
  async get(sha256: string): Promise<Uint8Array | null> {
    const gz = await this.kv.get(keys.evidence(sha256), 'arrayBuffer')
    if (!gz) return null
    return pipe(new Uint8Array(gz), new DecompressionStream('gzip'))
  }
}
