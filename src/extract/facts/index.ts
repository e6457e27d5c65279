/**
 * All fact families over one DocView.
 */
import type { DocView } from '../document.ts'
import type { Fact } from '../types.ts'
import { blockedFacts } from './blocked.ts'
import { catalogueFacts } from './catalogue.ts'
import { commerceFacts } from './commerce.ts'
import { drmFacts } from './drm.ts'
import { familyFacts } from './family.ts'
import { formatFacts } from './formats.ts'
import { licensingFacts } from './licensing.ts'
import { movedFacts } from './moved.ts'
import { paymentFacts } from './payments.ts'
import { topicFacts } from './topic.ts'

export { blockedFacts, catalogueFacts, commerceFacts, drmFacts, familyFacts, formatFacts }
export { licensingFacts, movedFacts, paymentFacts, topicFacts }

/** Every fact of every family, in family order. `pricedItems` lets a priced page veto "empty". */
export function allFacts(doc: DocView, pricedItems = 0): Fact[] {
  return [
    ...blockedFacts(doc, pricedItems),
    ...drmFacts(doc),
    ...formatFacts(doc),
    ...paymentFacts(doc),
    ...catalogueFacts(doc),
    ...licensingFacts(doc),
    ...commerceFacts(doc),
    ...familyFacts(doc),
    ...topicFacts(doc),
    ...movedFacts(doc),
  ]
}
