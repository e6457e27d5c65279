/**
 * DRM facts: "DRM-free" claims and their negations, in English, Russian and French, and the
 * plain forms of German, Spanish, Italian and Polish that clones of the family have used.
 */
import type { DocView } from '../document.ts'
import type { Fact } from '../types.ts'
import { FactSink, RuleSet, evidenceOf, type Rule } from './match.ts'

const FREE: Rule[] = [
  {
    kind: 'drm-free',
    keys: ['drm', 'free', 'non'],
    src: String.raw`drm[\s-]*(?:free|frei)|free (?:of|from) (?:any )?drm|non[\s-]?drm`,
  },
  {
    kind: 'drm-free',
    keys: ['no', 'without', 'zero', 'never'],
    src: String.raw`(?:no|without(?: any)?|zero|never any) drm`,
  },
  { kind: 'drm-free', keys: ['drm'], src: String.raw`drm\s*:\s*(?:none|no)` },
  {
    kind: 'drm-free',
    keys: ['without', 'no', 'free'],
    src: String.raw`(?:without|no|free of|free from) (?:any )?(?:copy[\s-]*protection|copy restrictions)`,
  },
  {
    kind: 'drm-free',
    keys: ['без'],
    src: String.raw`без (?:drm|дрм|(?:какой[\s-]либо |всякой )?защиты(?: от копирования| drm)?)`,
  },
  { kind: 'drm-free', keys: ['свободн'], src: String.raw`свободн[а-яё]* от (?:drm|дрм)` },
  {
    kind: 'drm-free',
    keys: ['не'],
    src: String.raw`не (?:содерж[а-яё]*|имеют|защищ[а-яё]*)(?: [а-яё]+)? (?:drm|дрм|защит[а-яё]*|от копирования)`,
  },
  {
    kind: 'drm-free',
    keys: ['никак', 'нет'],
    src: String.raw`(?:никакой|никаких) (?:защиты|защит)?\s?(?:drm|дрм|от копирования)|нет (?:защиты )?(?:drm|дрм)`,
  },
  {
    kind: 'drm-free',
    keys: ['ohne', 'kein', 'kopi'],
    src: String.raw`(?:ohne|kein(?:en)?) (?:drm|kopierschutz)|kopierschutzfrei`,
  },
  {
    kind: 'drm-free',
    keys: ['sin', 'libre', 'senza', 'bez'],
    src: String.raw`(?:sin|senza|bez) (?:(?:ningún|alcun|żadnych) )?(?:drm|protección anticopia|zabezpiecze[ńn] drm)|libres? de drm`,
  },
  {
    kind: 'drm-free',
    keys: ['sans'],
    src: String.raw`sans (?:aucun |aucune )?(?:drm|protection (?:anti[\s-]?copie|contre la copie|drm)|verrou)`,
  },
  {
    kind: 'drm-free',
    keys: ['dépourvu', 'libre', 'libres', 'exempt'],
    src: String.raw`(?:dépourvu|libre|exempt)[es]* (?:de |d[e'’]\s?)(?:tout |tous )?(?:drm|protection)`,
  },
  {
    kind: 'drm-free',
    keys: ['aucun'],
    src: String.raw`aucune? (?:drm|protection anti[\s-]?copie)`,
  },
]

const PROTECTED: Rule[] = [
  {
    kind: 'drm-protected',
    keys: ['protected', 'locked', 'encumbered', 'restricted', 'encrypted', 'wrapped'],
    src: String.raw`(?:protected|locked|encumbered|restricted|encrypted|wrapped) (?:by|with) (?:\p{L}+['’]?s? ){0,2}?drm`,
  },
  {
    kind: 'drm-protected',
    keys: ['drm'],
    src: String.raw`drm[\s-](?:protected|locked|restricted|encumbered|protection|wrapped)`,
  },
  {
    kind: 'drm-protected',
    keys: ['with', 'contain', 'has', 'have', 'include', 'use', 'uses'],
    src: String.raw`(?:with|contains?|has|have|includes?|uses?) drm`,
  },
  {
    kind: 'drm-protected',
    keys: ['fairplay', 'windows', 'playsforsure', 'copy'],
    src: String.raw`fairplay|windows media drm|playsforsure|copy[\s-]protected`,
  },
  {
    kind: 'drm-protected',
    keys: ['защищ', 'с', 'содерж'],
    src: String.raw`защищ[а-яё]* (?:drm|дрм|от копирования)|(?:с|содерж[а-яё]*) (?:защитой )?(?:drm|дрм)`,
  },
  { kind: 'drm-protected', keys: ['drm', 'дрм'], src: String.raw`(?:drm|дрм)[\s-]защит[а-яё]*` },
  {
    kind: 'drm-protected',
    keys: ['protégé', 'avec', 'protection'],
    src: String.raw`protégé[es]* (?:par (?:des |les |un )?drm|contre la copie)|avec (?:des |un )?drm|protection drm`,
  },
]

/** A negation just before "protected by DRM" turns it into a DRM-free claim. */
const NEGATED =
  /(?:^|[^\p{L}])(?:not|non|never|no|without|isn't|aren't|не|ни|без|pas|sans|jamais|aucun|aucune)[\s-]+(?:\p{L}+[\s-]+){0,2}$/iu

const RULES = new RuleSet([...FREE, ...PROTECTED])

/** drm-free and drm-protected facts from the page's text, title and descriptions. */
export function drmFacts(doc: DocView): Fact[] {
  const sink = new FactSink()
  for (const hit of RULES.scan(doc.segments)) {
    if (hit.rule.kind === 'drm-protected') {
      const before = hit.seg.text.slice(Math.max(0, hit.index - 30), hit.index)
      if (NEGATED.test(before)) {
        sink.add('drm-free', undefined, () => evidenceOf(hit))
        continue
      }
    }
    sink.addHit(hit)
  }
  return sink.facts
}
