import { describe, expect, it, inject } from 'vitest'
import { activeProfile } from '../../src/profile/index.ts'
import { evaluate, type LabelledPage } from '../../src/score/evaluate.ts'
import { sharedCorpus, sharedPage } from '../helpers/corpus.ts'

const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))

const pages: LabelledPage[] = inject('labelled').map((l) => ({
  ...(l as unknown as Omit<LabelledPage, 'bytes' | 'origin'>),
  origin: 'fixtures',
  bytes: bytes(l.base64),
}))

describe('the labelled corpus (fixtures/labelled), the ground truth of detection', () => {
  const report = evaluate(pages, activeProfile())

  it('has the pages the issue asks for', () => {
    expect(pages.filter((p) => p.expected === 'alert').length).toBeGreaterThanOrEqual(15)
    expect(pages.filter((p) => p.expected === 'no-alert').length).toBeGreaterThanOrEqual(20)
  })

  it.each(report.pages.map((p) => [p.page.file, p] as const))(
    '%s gets its labelled verdict',
    (_, p) => {
      expect({ alert: p.assessment.alert, blocked: p.assessment.blocked }).toEqual({
        alert: p.page.expected === 'alert',
        blocked: p.page.blocked ?? false,
      })
    },
  )

  it('scores F1 = 1 at the alert threshold', () => {
    expect({ tp: report.tp, fp: report.fp, fn: report.fn }).toEqual({ tp: 18, fp: 0, fn: 0 })
  })

  it('every fired rule carries the evidence text that fired it', () => {
    for (const p of report.pages) {
      for (const s of p.assessment.signals) {
        expect(s.evidence.length, `${p.page.file} ${s.id}`).toBeGreaterThan(0)
        for (const e of s.evidence)
          expect(e.text.trim().length, `${p.page.file} ${s.id}`).toBeGreaterThan(0)
      }
    }
  })
})

describe.skipIf(!sharedCorpus)('the real pages in ../shared/corpus raise no alert', () => {
  const names = Object.keys(sharedCorpus?.pages ?? {})
  it.each(names)('%s', (name) => {
    const [page] = evaluate(
      [
        {
          file: name,
          url: `https://${name.replace(/\.html$/, '')}.bandcamp.com/`,
          expected: 'no-alert',
          kind: 'legit-store',
          why: 'real legitimate store page',
          origin: 'shared',
          bytes: sharedPage(name),
        },
      ],
      activeProfile(),
    ).pages
    expect(page!.assessment.alert).toBe(false)
    expect(page!.assessment.severity).toBe('none')
  })
})
