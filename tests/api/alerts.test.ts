import { beforeAll, describe, expect, it } from 'vitest'
import type { Alert, AlertListing, AlertStatus } from '../../src/store/alerts.ts'
import { ADMIN, addAlert, api, badFields, type ErrorJson, READ, send, stores } from './fixtures.ts'

interface Page {
  alerts: AlertListing[]
  cursor: string | null
}

async function page(query: string): Promise<Page> {
  const r = await api(`/api/alerts?${query}`, { headers: READ })
  expect(r.status).toBe(200)
  return (await r.json()) as Page
}

/** Follows cursors to the end; returns the ids in order and the page sizes. */
async function all(query: string): Promise<{ ids: string[]; sizes: number[] }> {
  const ids: string[] = []
  const sizes: number[] = []
  let cursor: string | null = null
  do {
    const p: Page = await page(cursor ? `${query}&cursor=${encodeURIComponent(cursor)}` : query)
    ids.push(...p.alerts.map((a) => a.id))
    sizes.push(p.alerts.length)
    cursor = p.cursor
  } while (cursor && sizes.length < 50)
  return { ids, sizes }
}

describe('GET /api/alerts', () => {
  // 12 alerts over 12 hours, newest last; two sites, mixed severities, kinds and statuses.
  const made: Alert[] = []
  const SEV = ['low', 'medium', 'high', 'critical'] as const
  beforeAll(async () => {
    for (let i = 0; i < 12; i++) {
      made.push(
        await addAlert({
          id: `a_list${String(i).padStart(2, '0')}`,
          siteId: i % 3 === 0 ? 's_000000000000000a' : 's_000000000000000b',
          createdAt: new Date(Date.UTC(2026, 10, 10, i)).toISOString(),
          severity: SEV[i % 4]!,
          kind: i % 5 === 0 ? 'price-drop' : 'new-match',
          status: i === 7 ? 'acknowledged' : 'new',
        }),
      )
    }
  })
  const newestFirst = () => [...made].reverse().map((a) => a.id)

  it('lists newest first with the listing view of each alert', async () => {
    const p = await page('limit=200')
    expect(p.alerts.map((a) => a.id)).toEqual(newestFirst())
    expect(p.cursor).toBeNull()
    const a = made[11]!
    expect(p.alerts[0]).toEqual({
      id: a.id,
      siteId: a.siteId,
      kind: a.kind,
      host: a.host,
      severity: a.severity,
      score: a.score,
      status: a.status,
      createdAt: a.createdAt,
      title: a.title,
    })
  })

  it('pages through more alerts than one page holds, each once, in order', async () => {
    const { ids, sizes } = await all('limit=5')
    expect(sizes).toEqual([5, 5, 2])
    expect(ids).toEqual(newestFirst())
  })

  it('pages through a filtered listing without losing the rest of a batch', async () => {
    const { ids, sizes } = await all('severity=high&limit=2')
    const want = newestFirst().filter((id) =>
      ['high', 'critical'].includes(made.find((a) => a.id === id)!.severity),
    )
    expect(want).toHaveLength(6)
    expect(sizes).toEqual([2, 2, 2])
    expect(ids).toEqual(want)
  })

  it.each([
    ['status=acknowledged', (a: Alert) => a.status === 'acknowledged'],
    ['severity=critical', (a: Alert) => a.severity === 'critical'],
    ['severity=medium', (a: Alert) => a.severity !== 'low'],
    ['site=s_000000000000000a', (a: Alert) => a.siteId === 's_000000000000000a'],
    ['kind=price-drop', (a: Alert) => a.kind === 'price-drop'],
    ['since=2026-11-10T09:00:00Z', (a: Alert) => a.createdAt >= '2026-11-10T09:00:00.000Z'],
    ['since=2026-11-10T10:30:00%2B01:00', (a: Alert) => a.createdAt >= '2026-11-10T09:30:00.000Z'],
    [
      'site=s_000000000000000b&severity=high&kind=new-match',
      (a: Alert) =>
        a.siteId === 's_000000000000000b' &&
        ['high', 'critical'].includes(a.severity) &&
        a.kind === 'new-match',
    ],
  ])('filters by %s', async (query, keep) => {
    const want = [...made]
      .reverse()
      .filter(keep)
      .map((a) => a.id)
    expect(want.length).toBeGreaterThan(0)
    expect(want.length).toBeLessThan(made.length)
    expect((await all(`${query}&limit=3`)).ids).toEqual(want)
  })

  it.each([
    ['limit=0', ['limit']],
    ['limit=201', ['limit']],
    ['status=open', ['status']],
    ['severity=extreme', ['severity']],
    ['kind=other', ['kind']],
    ['since=yesterday', ['since']],
    ['site=s:1', ['site']],
    ['cursor=bogus', ['cursor']],
    ['severity=x&limit=-1', ['severity', 'limit']],
  ])('400 for ?%s naming %j', async (query, fields) => {
    const r = await api(`/api/alerts?${query}`, { headers: READ })
    expect(r.status).toBe(400)
    const body = (await r.clone().json()) as ErrorJson
    expect(body.error.message).toBe('invalid query')
    expect(await badFields(r)).toEqual(fields)
  })
})

describe('PATCH /api/alerts/:id (triage)', () => {
  const triage = (id: string, body: unknown, headers = ADMIN) =>
    send('PATCH', `/api/alerts/${id}`, body, headers)

  it('new → acknowledged → confirmed, recording who, when and the note; the index follows', async () => {
    const a = await addAlert({ id: 'a_flow' })
    const r1 = await triage(a.id, { status: 'acknowledged', by: 'anna', note: 'looking' })
    expect(r1.status).toBe(200)
    const after1 = (await r1.json()) as Alert
    expect(after1.status).toBe('acknowledged')
    expect(after1.triage).toEqual([
      { status: 'acknowledged', at: after1.triage[0]!.at, by: 'anna', note: 'looking' },
    ])
    expect(Date.parse(after1.triage[0]!.at)).not.toBeNaN()

    const r2 = await triage(a.id, { status: 'confirmed', by: 'ben' })
    const after2 = (await r2.json()) as Alert
    expect(after2.status).toBe('confirmed')
    expect(after2.triage.map((t) => [t.status, t.by, t.note])).toEqual([
      ['acknowledged', 'anna', 'looking'],
      ['confirmed', 'ben', ''],
    ])
    expect(await stores().alerts.get(a.id)).toEqual(after2)
    // The listing reads the index metadata, which was rewritten with the record.
    const listed = (await (
      await api('/api/alerts?status=confirmed', { headers: READ })
    ).json()) as Page
    expect(listed.alerts.map((x) => [x.id, x.status])).toEqual([[a.id, 'confirmed']])
  })

  it.each<[AlertStatus]>([['acknowledged'], ['confirmed'], ['dismissed']])(
    'new → %s directly',
    async (to) => {
      const a = await addAlert({ kind: 'went-dark' })
      const r = await triage(a.id, { status: to, by: 'anna' })
      expect(r.status).toBe(200)
      expect(((await r.json()) as Alert).status).toBe(to)
    },
  )

  it.each<[AlertStatus[], AlertStatus]>([
    [[], 'new'],
    [['acknowledged'], 'acknowledged'],
    [['acknowledged'], 'new'],
    [['confirmed'], 'dismissed'],
    [['confirmed'], 'acknowledged'],
    [['dismissed'], 'confirmed'],
    [['dismissed'], 'new'],
    [['acknowledged', 'dismissed'], 'acknowledged'],
  ])('after %j, moving to %s is 409 invalid_transition and changes nothing', async (path, to) => {
    const a = await addAlert()
    for (const step of path)
      expect((await triage(a.id, { status: step, by: 'anna' })).status).toBe(200)
    const before = await stores().alerts.get(a.id)
    const r = await triage(a.id, { status: to, by: 'anna' })
    expect(r.status).toBe(409)
    const from = path.at(-1) ?? 'new'
    const allowed = {
      new: ['acknowledged', 'confirmed', 'dismissed'],
      acknowledged: ['confirmed', 'dismissed'],
    }
    expect(await r.json()).toEqual({
      error: {
        code: 'invalid_transition',
        message: `an alert that is ${from} cannot become ${to}`,
        details: { from, to, allowed: allowed[from as keyof typeof allowed] ?? [] },
      },
    })
    expect(await stores().alerts.get(a.id)).toEqual(before)
  })

  it('dismissing writes the suppression the scanner checks (severity, fingerprint, who)', async () => {
    const a = await addAlert({
      siteId: 's_00000000000000d1',
      severity: 'medium',
      fingerprint: 'fp-dismiss',
    })
    expect(await stores().suppressions.get(a.siteId)).toBeNull()
    const r = await triage(a.id, { status: 'dismissed', by: 'carla', note: 'legit reseller' })
    expect(r.status).toBe(200)
    const done = (await r.json()) as Alert
    expect(await stores().suppressions.get(a.siteId)).toEqual({
      alertId: a.id,
      severity: 'medium',
      fingerprint: 'fp-dismiss',
      at: done.triage[0]!.at,
      by: 'carla',
    })
  })

  it('dismissing a went-dark alert suppresses nothing (it is not a verdict on the site)', async () => {
    const a = await addAlert({ siteId: 's_00000000000000d2', kind: 'went-dark', assessment: null })
    expect((await triage(a.id, { status: 'dismissed', by: 'carla' })).status).toBe(200)
    expect(await stores().suppressions.get(a.siteId)).toBeNull()
  })

  it.each([
    [{ status: 'acknowledged' }, ['by']],
    [{ status: 'acknowledged', by: '   ' }, ['by']],
    [{ status: 'closed', by: 'anna' }, ['status']],
    [{ status: 'acknowledged', by: 'anna', note: 'x'.repeat(2001) }, ['note']],
    [{ status: 'acknowledged', by: 'anna', severity: 'low' }, ['severity']],
    [{}, ['status', 'by']],
  ])('400 for %j naming %j', async (body, fields) => {
    const a = await addAlert()
    const r = await triage(a.id, body)
    expect(r.status).toBe(400)
    expect(await badFields(r)).toEqual(fields)
  })

  it('404 for an unknown alert', async () => {
    const r = await triage('a_missing', { status: 'acknowledged', by: 'anna' })
    expect(r.status).toBe(404)
    expect(await r.json()).toEqual({ error: { code: 'not_found', message: 'no alert a_missing' } })
  })
})

describe('GET /api/alerts/:id', () => {
  it('returns the full record, and 400 for a malformed id', async () => {
    const a = await addAlert({ id: 'a_full' })
    expect(await (await api('/api/alerts/a_full', { headers: READ })).json()).toEqual(a)
    const bad = await api(`/api/alerts/${'x'.repeat(81)}`, { headers: READ })
    expect(bad.status).toBe(400)
    expect(await badFields(bad)).toEqual(['id'])
  })
})
