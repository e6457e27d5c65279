import type { PageInput } from '../extract/types.ts'
import type { Profile } from '../profile/index.ts'
import { analyzePage } from './analyze.ts'
import type { Assessment } from './types.ts'

/** One labelled page: fixtures/labelled/labels.json, plus the bytes. */
export interface LabelledPage {
  file: string
  url: string
  contentType?: string
  expected: 'alert' | 'no-alert'
  blocked?: boolean
  kind: string
  why: string
  /** Where the page came from: 'fixtures' or 'shared' (../shared/corpus, negatives by definition). */
  origin: 'fixtures' | 'shared'
  bytes: Uint8Array
}

export interface EvaluatedPage {
  page: LabelledPage
  assessment: Assessment
  /** The verdict agrees with the label (and, where the label says so, the page is blocked). */
  right: boolean
}

export interface EvaluationReport {
  pages: EvaluatedPage[]
  tp: number
  fp: number
  fn: number
  tn: number
  precision: number
  recall: number
  f1: number
  /** Pages whose blocked flag disagrees with the label (counted apart from the confusion matrix). */
  blockedWrong: EvaluatedPage[]
}

/** Runs the whole pure core over labelled pages and scores it at the profile's alert threshold. */
export function evaluate(pages: LabelledPage[], profile: Profile): EvaluationReport {
  const out: EvaluatedPage[] = []
  let tp = 0
  let fp = 0
  let fn = 0
  let tn = 0
  const blockedWrong: EvaluatedPage[] = []
  for (const page of pages) {
    const input: PageInput = {
      url: page.url,
      finalUrl: page.url,
      headers: page.contentType ? { 'content-type': page.contentType } : {},
      body: page.bytes,
    }
    const a = analyzePage(input, profile)
    const want = page.expected === 'alert'
    if (a.alert && want) tp++
    else if (a.alert && !want) fp++
    else if (!a.alert && want) fn++
    else tn++
    const e: EvaluatedPage = { page, assessment: a, right: a.alert === want }
    if (page.blocked !== undefined && a.blocked !== page.blocked) blockedWrong.push(e)
    out.push(e)
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { pages: out, tp, fp, fn, tn, precision, recall, f1, blockedWrong }
}

/** The report as text: figures, confusion matrix, then every wrong page with its score and top rules. */
export function formatReport(r: EvaluationReport, alertAt: string): string {
  const f = (x: number) => x.toFixed(3)
  const lines = [
    `pages: ${r.pages.length} (${r.tp + r.fn} expected alerts, ${r.fp + r.tn} expected no-alert)  threshold: ${alertAt}`,
    `precision ${f(r.precision)}  recall ${f(r.recall)}  F1 ${f(r.f1)}`,
    '',
    '                 predicted alert   predicted no-alert',
    `expected alert   ${String(r.tp).padStart(15)}   ${String(r.fn).padStart(18)}`,
    `expected none    ${String(r.fp).padStart(15)}   ${String(r.tn).padStart(18)}`,
  ]
  const wrong = r.pages.filter((p) => !p.right)
  lines.push('', wrong.length === 0 ? 'wrong pages: none' : `wrong pages: ${wrong.length}`)
  for (const w of [...wrong, ...r.blockedWrong]) {
    const a = w.assessment
    const top = [...a.signals].sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight)).slice(0, 4)
    lines.push(
      `  ${w.page.origin}/${w.page.file}: expected ${w.page.expected}${w.page.blocked ? ' (blocked)' : ''}, got ${a.alert ? 'alert' : 'no-alert'}${a.blocked ? ' (blocked)' : ''} ${a.severity} score ${a.score}`,
      `    rules: ${top.map((s) => `${s.id}(${s.weight})`).join(', ') || 'none'}`,
      `    ${a.reasons.join(' ')}`,
    )
  }
  return lines.join('\n')
}
