import type { Profile } from '../profile/index.ts'
import type { Assessment } from '../score/types.ts'

const usd = (x: number | null) => (x === null ? 'unknown' : `$${x.toFixed(x < 0.1 ? 3 : 2)}`)
const pct = (x: number | null, ref: number) =>
  x === null ? '' : ` (${Math.round((x / ref) * 100)}% of ${usd(ref)})`
const quote = (s: string, max = 110) => {
  const t = s.replace(/\s+/g, ' ').trim()
  return `"${t.length > max ? t.slice(0, max - 1) + '…' : t}"`
}

/**
 * The human report of `analyze`: the verdict and severity first, then each fired rule with the
 * text that fired it, then the prices against the reference.
 */
export function formatAssessment(a: Assessment, profile: Profile): string {
  const out: string[] = []
  const verdict = a.blocked ? 'BLOCKED' : a.alert ? 'ALERT' : 'no alert'
  out.push(`${verdict}  severity ${a.severity}  score ${a.score.toFixed(3)}  ${a.finalUrl}`)
  for (const r of a.reasons) out.push(`  ${r}`)
  if (a.signals.length > 0) {
    out.push('', 'Evidence:')
    for (const s of a.signals) {
      const w = `${s.weight >= 0 ? '+' : '-'}${Math.abs(s.weight).toFixed(2)}`
      out.push(`  ${w}  ${s.id.padEnd(20)} ${s.label}`)
      for (const e of s.evidence) out.push(`         ${quote(e.text)}  [${e.where}]`)
    }
  }
  const s = a.summary
  const ref = profile.reference
  out.push('', 'Prices:')
  out.push(`  track   ${usd(s.trackUsd)}${pct(s.trackUsd, ref.trackUsd)}`)
  out.push(`  album   ${usd(s.albumUsd)}${pct(s.albumUsd, ref.albumUsd)}`)
  out.push(`  per MB  ${usd(s.perMbUsd)}`)
  out.push(
    `  ratio to reference: ${s.ratioToReference === null ? 'unknown' : s.ratioToReference.toFixed(2)}` +
      `  (${a.prices.length} price mention${a.prices.length === 1 ? '' : 's'}, language ${a.language ?? 'unknown'})`,
  )
  return out.join('\n')
}
