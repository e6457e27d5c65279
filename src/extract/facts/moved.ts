/**
 * Move notices: "we have moved to …", "наш новый адрес …", "nous avons déménagé …" beside a link
 * to another host. The family changes domains when one is blocked, and the old domain often
 * names the next; the new host becomes a candidate for the watch list.
 */
import type { DocView } from '../document.ts'
import type { Fact } from '../types.ts'
import { excerpt } from './match.ts'

const NOTICE =
  /(?:^|[^\p{L}])(we(?:['’]ve| have)? moved|(?:has|have) moved|moved to|(?:our )?new (?:address|domain|home|site)|мы переехали|переехал[а-яё]*|новый адрес|новый домен|nous avons déménagé|nouvelle adresse|neue adresse|umgezogen|nos hemos mudado|nueva dirección)/iu

/** How far after the notice the new host's name or link text may stand. */
const WINDOW = 240

/** A moved-notice fact naming the new host, or nothing. */
export function movedFacts(doc: DocView): Fact[] {
  const m = NOTICE.exec(doc.text)
  if (!m) return []
  const at = m.index + m[0].length - m[1]!.length
  const window = doc.text.slice(at, at + WINDOW).toLowerCase()
  for (const link of doc.links) {
    const host = link.host.replace(/^www\./, '')
    if (
      !host ||
      host === doc.host ||
      host.endsWith(`.${doc.host}`) ||
      doc.host.endsWith(`.${host}`)
    )
      continue
    const text = link.text.trim().toLowerCase()
    if (window.includes(host) || (text.length >= 4 && window.includes(text))) {
      return [
        {
          kind: 'moved-notice',
          value: host,
          evidence: { text: excerpt(doc.text, at, m[1]!.length), where: 'text' },
        },
      ]
    }
  }
  return []
}
