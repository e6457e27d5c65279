import { Parser } from 'htmlparser2'
import { beforeAll, describe, expect, it } from 'vitest'
import { CSV_COLUMNS } from '../../src/api/feeds.ts'
import type { Alert } from '../../src/store/alerts.ts'
import { emptyState } from '../../src/store/states.ts'
import {
  addAlert,
  addEvidence,
  addSite,
  api,
  assessment,
  badFields,
  READ,
  stores,
} from './fixtures.ts'

/** Text a hostile page could put in front of an analyst: markup, quotes, commas, line breaks. */
const NASTY = 'Licensed by ROMS, "see <script>alert(1)</script>"\r\nline two & more'
const FORMULA = '=HYPERLINK("http://evil.test","pay here")'

/** RFC 4180 parser for the tests: quoted fields, doubled quotes, CRLF records; strict. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let i = 0
  let quoted = false
  while (i < text.length) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i += 2
      } else if (ch === '"') {
        quoted = false
        i++
        if (i < text.length && text[i] !== ',' && text[i] !== '\r')
          throw new Error(`text after a closing quote at ${i}`)
      } else {
        cell += ch
        i++
      }
    } else if (ch === '"') {
      if (cell !== '') throw new Error(`quote inside an unquoted field at ${i}`)
      quoted = true
      i++
    } else if (ch === ',') {
      row.push(cell)
      cell = ''
      i++
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i += 2
    } else if (ch === '\n' || ch === '\r') {
      throw new Error(`bare line break outside quotes at ${i}`)
    } else {
      cell += ch
      i++
    }
  }
  if (quoted) throw new Error('unterminated quote')
  if (cell !== '' || row.length) throw new Error('last record without CRLF')
  return rows
}

const ATOM_ELEMENTS = new Set([
  'feed',
  'id',
  'title',
  'updated',
  'published',
  'link',
  'author',
  'name',
  'generator',
  'entry',
  'category',
  'summary',
  'content',
])

interface XmlNode {
  name: string
  attrs: Record<string, string>
  text: string
  children: XmlNode[]
}

/** Parses the feed as XML, failing on any element Atom does not define or any unbalanced tag. */
function parseAtom(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: {}, text: '', children: [] }
  const stack = [root]
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (!ATOM_ELEMENTS.has(name)) throw new Error(`unexpected element <${name}>`)
        const node = { name, attrs, text: '', children: [] }
        stack.at(-1)!.children.push(node)
        stack.push(node)
      },
      ontext(t) {
        stack.at(-1)!.text += t
      },
      onclosetag(name) {
        const open = stack.pop()!
        if (open.name !== name) throw new Error(`</${name}> closes <${open.name}>`)
      },
    },
    { xmlMode: true, decodeEntities: true },
  )
  parser.write(xml)
  parser.end()
  if (stack.length !== 1) throw new Error('unclosed elements')
  return root.children[0]!
}

const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name)!

describe('feeds and exports', () => {
  let site: Awaited<ReturnType<typeof addSite>>
  let nasty: Alert
  let plain: Alert

  beforeAll(async () => {
    const old = await addSite({ url: 'http://old-clone.test/', label: 'old clone' })
    site = await addSite({ url: 'http://new-clone.test/', label: 'Clone, "the" <b>bold</b>' })
    await stores().sites.put({ ...site, source: `moved:${old.id}` })
    site = (await stores().sites.get(site.id))!
    await stores().states.put({
      ...emptyState(site.id),
      finalHost: 'mirror-clone.test',
      lastOkAt: '2026-11-20T00:00:00.000Z',
    })
    const ev = await addEvidence(
      new TextEncoder().encode(`<p>${NASTY}</p>`),
      'text/html; charset=utf-8',
      'http://new-clone.test/',
    )
    await addAlert({
      siteId: site.id,
      host: 'new-clone.test',
      createdAt: '2026-11-03T00:00:00.000Z',
      title: 'first sighting',
      assessment: assessment({ url: 'http://new-clone.test/', finalUrl: 'http://new-clone.test/' }),
    })
    nasty = await addAlert({
      siteId: site.id,
      host: 'new-clone.test',
      url: 'http://new-clone.test/?a=1&b=<2>',
      createdAt: '2026-11-10T00:00:00.000Z',
      title: `Clone <script>alert("t")</script>, matches`,
      evidence: ev,
      assessment: assessment({
        url: 'http://new-clone.test/',
        finalUrl: 'http://new-clone.test/',
        summary: { trackUsd: 0.12, albumUsd: 1.35, perMbUsd: null, ratioToReference: 0.12 },
        reasons: ['Claims a ROMS licence: "ROMS"', 'Line\nbreak'],
        signals: [
          {
            id: 'licence-russian-law',
            label: 'law',
            weight: 0.1,
            evidence: [{ text: '@law, part IV', where: 'text' }],
          },
          {
            id: 'licence-roms',
            label: 'ROMS',
            weight: 0.3,
            evidence: [{ text: NASTY, where: 'text' }],
          },
          {
            id: 'e-wallets',
            label: 'wallets',
            weight: 0.1,
            evidence: [
              { text: FORMULA, where: 'text' },
              { text: 'WebMoney', where: 'text' },
            ],
          },
          {
            id: 'prepaid-balance',
            label: 'balance',
            weight: 0.1,
            evidence: [{ text: '-top up your balance', where: 'text' }],
          },
          {
            id: 'drm-free',
            label: 'DRM-free',
            weight: 0.1,
            evidence: [{ text: 'not a claim', where: 'text' }],
          },
        ],
      }),
    })
    plain = await addAlert({
      siteId: 's_00000000000000ff',
      host: 'legit.test',
      kind: 'went-dark',
      severity: 'low',
      createdAt: '2026-11-12T00:00:00.000Z',
      assessment: null,
      status: 'acknowledged',
      triage: [{ status: 'acknowledged', at: '2026-11-13T00:00:00.000Z', by: 'anna', note: '' }],
    })
  })

  describe('GET /api/alerts.csv', () => {
    it('serves RFC 4180 CSV with the case-file columns, escaped and formula-safe', async () => {
      const r = await api('/api/alerts.csv', { headers: READ })
      expect(r.status).toBe(200)
      expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present')
      expect(r.headers.get('content-disposition')).toBe('attachment; filename="alerts.csv"')
      const rows = parseCsv(await r.text())
      expect(rows[0]).toEqual([...CSV_COLUMNS])
      expect(rows).toHaveLength(4)
      const byId = new Map(
        rows
          .slice(1)
          .map((row) => [row[0], Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]]))]),
      )
      expect(rows.slice(1).map((row) => row[0])).toEqual([plain.id, nasty.id, expect.any(String)])
      expect(byId.get(nasty.id)).toEqual({
        alert_id: nasty.id,
        created_at: '2026-11-10T00:00:00.000Z',
        site: 'http://new-clone.test/?a=1&b=<2>',
        site_label: 'Clone, "the" <b>bold</b>',
        host_history: 'old-clone.test > new-clone.test > mirror-clone.test',
        first_seen: '2026-11-03T00:00:00.000Z',
        last_seen: '2026-11-20T00:00:00.000Z',
        kind: 'new-match',
        severity: 'high',
        score: '0.82',
        track_price_usd: '0.12',
        album_price_usd: '1.35',
        licensing_claims: `'@law, part IV | ${NASTY}`,
        payment_methods: `'${FORMULA} | WebMoney | -top up your balance`,
        status: 'new',
        evidence_sha256: nasty.evidence!.sha256,
        title: 'Clone <script>alert("t")</script>, matches',
      })
      expect(byId.get(plain.id)).toMatchObject({
        host_history: 'legit.test',
        track_price_usd: '',
        licensing_claims: '',
        payment_methods: '',
        evidence_sha256: '',
        status: 'acknowledged',
      })
    })

    it('defuses spreadsheet formulas: a cell starting with = + - @ gets a leading quote', async () => {
      const text = await (await api('/api/alerts.csv', { headers: READ })).text()
      const cells = parseCsv(text).flat()
      for (const c of cells) expect(c).not.toMatch(/^[=+\-@]/)
      expect(text).toContain(`"'@law, part IV | Licensed by ROMS, ""see <script>`)
      expect(text).toContain(
        `"'=HYPERLINK(""http://evil.test"",""pay here"") | WebMoney | -top up your balance"`,
      )
    })

    it('takes the listing filters', async () => {
      const rows = parseCsv(
        await (
          await api(`/api/alerts.csv?site=${site.id}&severity=high`, { headers: READ })
        ).text(),
      )
      expect(rows.slice(1).map((r) => r[0])).toEqual([nasty.id, expect.any(String)])
      const bad = await api('/api/alerts.csv?severity=big', { headers: READ })
      expect(bad.status).toBe(400)
      expect(await badFields(bad)).toEqual(['severity'])
    })

    it('links the next page when there is one', async () => {
      const r = await api('/api/alerts.csv?limit=1', { headers: READ })
      const link = r.headers.get('link')!
      expect(link).toMatch(/^<\/api\/alerts\.csv\?limit=1&cursor=[A-Za-z0-9_-]+>; rel="next"$/)
      const next = await api(link.slice(1, link.indexOf('>')), { headers: READ })
      expect(
        parseCsv(await next.text())
          .slice(1)
          .map((r) => r[0]),
      ).toEqual([nasty.id])
    })
  })

  describe('GET /api/alerts.atom', () => {
    it('serves Atom 1.0 with one escaped entry per alert', async () => {
      const r = await api('/api/alerts.atom', { headers: READ })
      expect(r.status).toBe(200)
      expect(r.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
      const xml = await r.text()
      expect(
        xml.startsWith(
          '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
        ),
      ).toBe(true)
      expect(xml).not.toMatch(/<script/i)
      expect(xml).not.toMatch(/<b>/)

      const feed = parseAtom(xml.slice(xml.indexOf('?>') + 2))
      expect(feed.name).toBe('feed')
      expect(feed.attrs.xmlns).toBe('http://www.w3.org/2005/Atom')
      expect(child(feed, 'id').text).toBe('https://w/api/alerts.atom')
      expect(child(feed, 'updated').text).toBe('2026-11-13T00:00:00.000Z')
      expect(child(feed, 'link').attrs).toEqual({
        rel: 'self',
        type: 'application/atom+xml',
        href: 'https://w/api/alerts.atom',
      })
      expect(child(child(feed, 'author'), 'name').text).toBe('successor-watch')

      const entries = feed.children.filter((c) => c.name === 'entry')
      expect(entries.map((e) => child(e, 'id').text)).toEqual([
        `https://w/api/alerts/${plain.id}`,
        `https://w/api/alerts/${nasty.id}`,
        expect.stringMatching(/^https:\/\/w\/api\/alerts\/a_/),
      ])
      const e = entries[1]!
      expect(child(e, 'title').text).toBe(nasty.title)
      expect(child(e, 'title').attrs.type).toBe('text')
      expect(child(e, 'updated').text).toBe(nasty.createdAt)
      expect(child(e, 'published').text).toBe(nasty.createdAt)
      const links = e.children.filter((c) => c.name === 'link').map((l) => l.attrs)
      expect(links).toEqual([
        { rel: 'alternate', type: 'application/json', href: `https://w/api/alerts/${nasty.id}` },
        { rel: 'related', href: 'http://new-clone.test/?a=1&b=<2>' },
      ])
      expect(e.children.filter((c) => c.name === 'category').map((c) => c.attrs.term)).toEqual([
        'high',
        'new-match',
        'new',
      ])
      expect(child(e, 'content').attrs.type).toBe('text')
      expect(child(e, 'content').text).toBe(
        [
          nasty.title,
          '',
          'Site: http://new-clone.test/?a=1&b=<2> (Clone, "the" <b>bold</b>)',
          'Hosts: old-clone.test > new-clone.test > mirror-clone.test',
          'Severity high, score 0.82, new-match, status new',
          'Prices: track $0.12, album $1.35',
          `Licensing claims: @law, part IV | ${NASTY}`,
          `Payment methods: ${FORMULA} | WebMoney | -top up your balance`,
          '',
          'Claims a ROMS licence: "ROMS"',
          'Line\nbreak',
          '',
          `Evidence SHA-256: ${nasty.evidence!.sha256}`,
        ].join('\n'),
      )
      // A triaged alert is updated when it was triaged.
      expect(child(entries[0]!, 'updated').text).toBe('2026-11-13T00:00:00.000Z')
    })

    it('takes the listing filters and keeps a valid empty feed', async () => {
      const xml = await (await api('/api/alerts.atom?kind=moved', { headers: READ })).text()
      const feed = parseAtom(xml.slice(xml.indexOf('?>') + 2))
      expect(feed.children.filter((c) => c.name === 'entry')).toHaveLength(0)
      expect(Date.parse(child(feed, 'updated').text)).not.toBeNaN()
    })

    it('replaces characters XML cannot carry instead of emitting a broken document', async () => {
      const a = await addAlert({
        title: 'bell \u0007 and lone \uD800 surrogate',
        createdAt: '2026-12-01T00:00:00.000Z',
      })
      const xml = await (
        await api(`/api/alerts.atom?site=${a.siteId}&limit=1`, { headers: READ })
      ).text()
      const entry = parseAtom(xml.slice(xml.indexOf('?>') + 2)).children.find(
        (c) => c.name === 'entry',
      )!
      expect(child(entry, 'title').text).toBe('bell \uFFFD and lone \uFFFD surrogate')
    })
  })
})
