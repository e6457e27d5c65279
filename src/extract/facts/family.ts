/**
 * Family-name facts: the host or the brand looks like a known AllofMP3-family name, or like the
 * family's naming habit (an "mp3" host with a store word). Names are leads, never proof.
 */
import type { DocView, Segment } from '../document.ts'
import type { Fact } from '../types.ts'
import { FactSink, RuleSet, type Rule } from './match.ts'

/** Known names (PROFILE-FACTS.md: the 2007 family and 2018 crawls). */
const NAMES: [value: string, keys: string, src: string][] = [
  ['allofmp3', 'all allofmp3', String.raw`all[\s-]?of[\s-]?mp3`],
  ['mp3sparks', 'mp3 mp3sparks', String.raw`mp3[\s-]?sparks`],
  ['alltunes', 'alltunes', String.raw`alltunes`],
  ['mp3search', 'mp3search', String.raw`mp3search`],
  ['mp3million', 'mp3 mp3million', String.raw`mp3[\s-]?million`],
  ['soundike', 'soundike', String.raw`soundike`],
  ['mp3caprice', 'mp3 mp3caprice', String.raw`mp3[\s-]?caprice`],
  ['mp3fiesta', 'mp3 mp3fiesta', String.raw`mp3[\s-]?fiesta`],
  ['musicmp3', 'musicmp3', String.raw`musicmp3`],
]

const TEXT_RULES: Rule[] = NAMES.map(([value, keys, src]) => ({
  kind: 'family-name',
  keys: keys.split(' '),
  src,
  value,
}))
const TEXT = new RuleSet(TEXT_RULES)
/** Inside host names the names may touch other letters (music.allofmp3.ru, allofmp3-shop.com). */
const HOST = new RuleSet(TEXT_RULES, true)

const STORE_WORD =
  /shop|store|sale|buy|market|mall|music|tunes|sound|song|mega|cheap|legal|planet|zone|world|club|land|hit|max|best|top|all/i
const SECOND_LEVEL = /^(?:com|net|org|co|ac|gov|edu|msk|spb)$/

/** The registrable label of a host: 'shop.mp3best.co.uk' -> 'mp3best'. */
function siteLabel(host: string): string {
  const parts = host.split('.')
  if (parts.length >= 3 && SECOND_LEVEL.test(parts[parts.length - 2]!))
    return parts[parts.length - 3]!
  return parts.length >= 2 ? parts[parts.length - 2]! : host
}

/** family-name facts from the page host, title, site name, text and link hosts. */
export function familyFacts(doc: DocView): Fact[] {
  const sink = new FactSink()
  const hosts = [...new Set([doc.host, hostOf(doc.url)].filter(Boolean))]
  const hostSegs: Segment[] = hosts.map((h) => ({ where: 'host', text: h }))
  const known = HOST.scan(hostSegs)
  for (const hit of known) sink.addHit(hit)
  if (known.length === 0) {
    for (const host of hosts) {
      const label = siteLabel(host)
      if (label.includes('mp3') && STORE_WORD.test(label.replace('mp3', ' '))) {
        sink.add('family-name', label, { text: host, where: 'host' })
      }
    }
  }
  const segs: Segment[] = [...doc.segments.filter((s) => s.where !== 'img[alt]')]
  const site = doc.meta['og:site_name']
  if (site) segs.push({ where: 'meta:og:site_name', text: site })
  for (const hit of TEXT.scan(segs)) sink.addHit(hit)
  const linkHosts = doc.linkHosts.filter((h) => !hosts.includes(h))
  for (const hit of HOST.scan(linkHosts.map((h) => ({ where: 'a[href]', text: h }))))
    sink.addHit(hit)
  return sink.facts
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '')
  } catch {
    return ''
  }
}
