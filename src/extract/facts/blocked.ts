/**
 * Blocked-page facts: bot challenges, parked domains, empty app shells and login walls. The
 * scorer treats any of them as "nothing to judge", so each needs the page to be short as well as
 * the wording: a real store that mentions a captcha on its login form is not a challenge page.
 */
import type { DocView } from '../document.ts'
import type { Fact } from '../types.ts'
import { FactSink, RuleSet, excerpt, type Rule } from './match.ts'

/** Challenge, parking and login pages are short; a long page that mentions these is a real page. */
const SHORT_PAGE = 3000
/** Below this much visible text the page has nothing to read. */
const EMPTY_TEXT = 40
/** Raw-source markers are only looked for on pages this short (CPU: a regex over the whole source). */
const RAW_SCAN_TEXT = 2000

const RULES: Rule[] = [
  {
    kind: 'challenge',
    keys: [
      'checking',
      'just',
      'attention',
      'ddos',
      'please',
      'verify',
      'are',
      'captcha',
      'recaptcha',
      'проверка',
      'проверяем',
      'подтвердите',
      'я',
      'vérification',
      'un',
      'veuillez',
    ],
    src: String.raw`checking (?:your|if the site connection is secure|the site connection)|checking your browser|just a moment|attention required|ddos protection by|ddos-guard|please (?:enable|turn on) (?:javascript and cookies|cookies)|verify (?:you are|you're|that you are) (?:a )?human|are you a robot|(?:re)?captcha|проверка (?:браузера|безопасности)|проверяем ваш браузер|подтвердите,? что вы не робот|я не робот|vérification (?:de (?:votre|la) (?:navigateur|connexion|sécurité)|que vous êtes humain)|un instant|veuillez patienter`,
  },
  {
    kind: 'parked',
    keys: [
      'this',
      'the',
      'domain',
      'buy',
      'parked',
      'parking',
      'sedo',
      'make',
      'домен',
      'ce',
      'le',
      'nom',
      'domaine',
    ],
    src: String.raw`(?:this |the )?domain(?: name)? (?:is|may be|might be) for sale|buy this domain|(?:parked|parking) (?:free|domain|page|by)|domain parking|sedo(?:parking)?|this domain (?:has been|was) registered|make an offer on this domain|домен (?:продается|продаётся|припаркован)|(?:ce |le )?(?:nom de )?domaine (?:est )?à vendre|domaine parké`,
  },
  {
    kind: 'login-wall',
    keys: [
      'please',
      'log',
      'login',
      'sign',
      'you',
      'members',
      'вход',
      'войдите',
      'авторизуйтесь',
      'необходимо',
      'connectez',
      'vous',
      'accès',
    ],
    src: String.raw`(?:please )?(?:log|sign) ?in to (?:continue|view|access|see|proceed)|you (?:must|need to) (?:be )?(?:logged|signed|log|sign) ?in|members only|members area|вход только для|войдите(?:,? чтобы| в систему| на сайт)|авторизуйтесь|необходимо авторизоваться|connectez-vous pour|vous devez être connecté[es]*|accès réservé aux membres`,
  },
]

const SET = new RuleSet(RULES)

const RAW_CHALLENGE =
  /cf-challenge|cf_chl_|challenge-platform|__cf_chl|ddos-guard|jschl|cf-browser-verification|hcaptcha|g-recaptcha/i
const RAW_PARKED =
  /sedoparking|parkingcrew|bodis\.com|window\.park|afternic|dan\.com\/buy|parklogic|above\.com/i
const LOGIN_WORD =
  /log ?in|sign ?in|password|войти|вход|пароль|авторизац|connexion|se connecter|mot de passe|identifiant/i

/**
 * challenge, parked, empty-shell and login-wall facts. `pricedItems` (from the price extraction)
 * vetoes empty-shell and login-wall: a page that prices items has something to judge.
 */
export function blockedFacts(doc: DocView, pricedItems = 0): Fact[] {
  const sink = new FactSink()
  const textLength = doc.text.length
  for (const hit of SET.scan(doc.segments)) {
    if (hit.seg.where !== 'title' && textLength >= SHORT_PAGE) continue
    if (hit.rule.kind === 'parked' && /^sedo$/i.test(hit.match) && textLength >= 1000) continue
    sink.addHit(hit)
  }
  if (textLength < RAW_SCAN_TEXT) {
    for (const [kind, re] of [
      ['challenge', RAW_CHALLENGE],
      ['parked', RAW_PARKED],
    ] as const) {
      const m = re.exec(doc.html)
      if (m)
        sink.add(kind, undefined, {
          text: excerpt(doc.html, m.index, m[0].length, 40),
          where: 'html',
        })
    }
  }
  if (textLength < EMPTY_TEXT && doc.jsonLd.length === 0 && pricedItems === 0) {
    const root = doc.markers.appRoot
    sink.add('empty-shell', root ? 'app-root' : 'blank', {
      text: root
        ? `<div id="${root}"> with ${textLength} chars of text`
        : `${textLength} chars of text: ${doc.text}`,
      where: root ? 'html:app-root' : 'text',
    })
  }
  if (doc.markers.passwordInputs > 0 && textLength < SHORT_PAGE / 2 && pricedItems === 0) {
    const seg = doc.segments.find((s) => LOGIN_WORD.test(s.text))
    if (seg) {
      const m = LOGIN_WORD.exec(seg.text)!
      sink.add('login-wall', 'form', {
        text: excerpt(seg.text, m.index, m[0].length),
        where: seg.where,
      })
    }
  }
  return sink.facts
}
