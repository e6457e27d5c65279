import { sha256Hex } from '../store/keys.ts'
import type { Assessment } from '../score/types.ts'

/** Prices are compared in whole cents: sub-cent wobble from currency rounding is not a change. */
const cents = (x: number | null) => (x === null ? '-' : String(Math.round(x * 100)))

/**
 * What must change for a scan to count as a change: the severity band, the rules that fired, the
 * price summary, the host the page was finally served from and the host a move notice names.
 * Scores inside a band, evidence
 * wording and page chrome are left out, so a re-rendered but unchanged store writes nothing.
 */
export function fingerprintParts(a: Assessment): string {
  const s = a.summary
  const rules = a.signals
    .map((g) => g.id)
    .sort()
    .join(',')
  const host = new URL(a.finalUrl).hostname.toLowerCase()
  const moved = a.movedTo ?? '-'
  return [
    a.severity,
    rules,
    cents(s.trackUsd),
    cents(s.albumUsd),
    cents(s.perMbUsd),
    host,
    moved,
  ].join('|')
}

/** A short stable fingerprint of an Assessment (hex). */
export async function fingerprint(a: Assessment): Promise<string> {
  return (await sha256Hex(fingerprintParts(a))).slice(0, 16)
}
