/**
 * `npm run eval`: the labelled corpus through analyze, scored at the profile's alert threshold.
 * Prints precision, recall, F1, the confusion matrix and every wrong page; exits 1 unless F1 is 1
 * and no page from ../shared raises an alert.
 */
import { activeProfile } from '../src/profile/index.ts'
import { evaluate, formatReport } from '../src/score/evaluate.ts'
import { loadLabelled, loadSharedNegatives } from './labelled.ts'

const profile = activeProfile()
const labelled = loadLabelled()
const shared = loadSharedNegatives()
const report = evaluate([...labelled, ...shared], profile)
console.log(formatReport(report, profile.alertAt))
console.log('')
if (shared.length === 0) console.log('../shared/corpus is absent: its pages were skipped')
else {
  const sharedAlerts = report.pages.filter((p) => p.page.origin === 'shared' && p.assessment.alert)
  console.log(`../shared/corpus pages: ${shared.length}, alerts raised: ${sharedAlerts.length}`)
}
const perKind = new Map<string, { n: number; right: number }>()
for (const p of report.pages) {
  const k = perKind.get(p.page.kind) ?? { n: 0, right: 0 }
  k.n++
  if (p.right) k.right++
  perKind.set(p.page.kind, k)
}
console.log(`by kind: ${[...perKind].map(([k, v]) => `${k} ${v.right}/${v.n}`).join(', ')}`)
const ok = report.f1 === 1 && report.blockedWrong.length === 0
process.exit(ok ? 0 : 1)
