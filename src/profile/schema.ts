import { z } from 'zod'
import { FACT_KINDS } from '../extract/types.ts'

/** What makes a rule fire: facts the extractor reported, or a judgement on the page's prices. */
const Condition = z.union([
  z.object({
    /** Fires when the page has at least `min` facts of any of these kinds. */
    facts: z.array(z.enum(FACT_KINDS)).min(1),
    /** Only facts with one of these values count (e.g. which payment brands). */
    values: z.array(z.string().min(1)).min(1).optional(),
    min: z.number().int().min(1).default(1),
  }),
  z.object({
    /** Fires on a price judgement computed against the reference prices. */
    price: z.enum(['cheap-track', 'cheap-album', 'per-volume', 'full-price']),
  }),
])

const Rule = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'rule ids are lower-case words joined by dashes'),
  label: z.string().min(1),
  /** Positive weights are evidence for the profile, negative ones evidence against it. */
  weight: z.number().min(-1).max(1),
  /** Which group of the profile's combination this rule belongs to (see `gate`). */
  group: z.enum(['price', 'drm', 'licensing', 'payment', 'format', 'family', 'legit']),
  when: Condition,
  /** The fact behind the rule: a sentence citing PROFILE-FACTS.md or a measured effect. */
  fact: z.string().min(1),
})

const Severity = z.enum(['low', 'medium', 'high', 'critical'])

export const ProfileSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    version: z.string().min(1),
    /** Dated currency table: US dollars for one unit of each currency. */
    currencies: z.object({
      asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      source: z.string().min(1),
      usdPer: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().positive()),
    }),
    /** Legitimate store prices the page is compared with. */
    reference: z.object({
      trackUsd: z.number().positive(),
      albumUsd: z.number().positive(),
      /** Megabytes in a typical track and album, to turn per-MB prices into item prices. */
      trackMb: z.number().positive(),
      albumMb: z.number().positive(),
      note: z.string(),
      historical: z.object({ trackUsd: z.number().positive(), albumUsd: z.number().positive() }),
    }),
    /** Price ratios to the reference: at or below `cheap` is the profile, at or above `full` is not. */
    ratios: z
      .object({ cheap: z.number().positive().max(1), full: z.number().positive() })
      .refine((r) => r.cheap < r.full, { message: 'cheap must be below full', path: ['cheap'] }),
    /** Upper bounds on single prices that can still be per-item download prices (USD). */
    plausible: z.object({ maxTrackUsd: z.number().positive(), maxAlbumUsd: z.number().positive() }),
    rules: z.array(Rule).min(1),
    /**
     * The combination the facts demand: the profile holds only when every group in `all` fired and
     * at least one of `anyOf`; failing that, the score is held below the alert threshold.
     */
    gate: z.object({
      all: z.array(z.string()).min(1),
      anyOf: z.array(z.string()).min(1),
      /** Evidence strong enough to stand in for a price on pages that show none. */
      priceStandIn: z.object({ groups: z.array(z.string()).min(1), min: z.number().int().min(1) }),
      capBelowAlert: z.number().min(0).max(1),
    }),
    /** Score at which each severity starts; must rise. */
    severities: z.record(Severity, z.number().min(0).max(1)),
    alertAt: Severity,
    /** A page must look like a store (it sells) before it can be scored as one. */
    store: z.object({ minPricedItems: z.number().int().min(1) }),
  })
  .superRefine((p, ctx) => {
    const ids = new Set<string>()
    p.rules.forEach((r, i) => {
      if (ids.has(r.id))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'id'],
          message: `duplicate rule id ${r.id}`,
        })
      ids.add(r.id)
    })
    const s = p.severities
    if (!(s.low < s.medium && s.medium < s.high && s.high < s.critical)) {
      ctx.addIssue({
        code: 'custom',
        path: ['severities'],
        message: 'thresholds must rise low < medium < high < critical',
      })
    }
    const groups = new Set(p.rules.map((r) => r.group))
    for (const g of [...p.gate.all, ...p.gate.anyOf, ...p.gate.priceStandIn.groups]) {
      if (!groups.has(g as never))
        ctx.addIssue({
          code: 'custom',
          path: ['gate'],
          message: `gate names group ${g} that no rule has`,
        })
    }
  })

export type Profile = z.output<typeof ProfileSchema>
export type ProfileRule = Profile['rules'][number]
export type SeverityName = z.output<typeof Severity>

/** Thrown when a profile does not match its schema; the message names every bad field. */
export class ProfileError extends Error {
  override name = 'ProfileError'
}

/** Validates a profile document; throws ProfileError naming each bad field by its path. */
export function parseProfile(doc: unknown): Profile {
  const r = ProfileSchema.safeParse(doc)
  if (r.success) return r.data
  const lines = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
  throw new ProfileError(`invalid profile: ${lines.join('; ')}`)
}
