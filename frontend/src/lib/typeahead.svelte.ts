// Search as you type, for the palette and every picker: each keystroke
// asks, only the answer to the latest question is shown, and names that
// start with what was typed come first. The keyboard's choice is what
// Enter picks: a new query starts again at the best match, and the mouse
// takes the highlight only when it really moves.
import { search, message, type Hit } from './api'

export interface Typeahead {
  hits: Hit[]
  /** The query the hits answer ("" until one has). */
  answered: string
  active: number
  error: string
  clear: () => void
  /** An option's onpointermove: the pointer highlights option i only when
   * it has moved since it was last seen, anywhere on the page. */
  pointed: (i: number, e: MouseEvent) => void
}

/**
 * Where a title matches q: 0 when the title starts with it (a given name),
 * 1 when another word does (a family name), 2 when only a part inside a
 * word does ("Hansen" in "Kierkegaard-Hansen").
 */
export function matchRank(title: string, q: string): number {
  const t = title.toLowerCase()
  const w = q.trim().toLowerCase()
  if (!w) return 2
  if (t.startsWith(w)) return 0
  if (t.split(/\s+/).some((word) => word.startsWith(w))) return 1
  return 2
}

/** Hits in the order a person expects: prefix matches first, else as the search ranked them. */
export function rankHits(hits: Hit[], q: string): Hit[] {
  return hits
    .map((h, i) => ({ h, i, r: matchRank(h.title ?? '', q) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.h)
}

/**
 * Searches whenever query() changes. keep filters or trims the answer (a
 * picker keeps its kinds). Call while a component initialises.
 */
export function typeahead(query: () => string, limit: number, keep: (hits: Hit[]) => Hit[] = (h) => h): Typeahead {
  const s: Typeahead = $state({ hits: [], answered: '', active: 0, error: '', clear, pointed })
  let seq = 0
  function clear() {
    seq++
    s.hits = []
    s.answered = ''
    s.active = 0
  }
  // Where the pointer was last seen. A list that opens or grows under a
  // resting pointer gets boundary events (mouseenter, pointerover) and, in
  // WebKit, a move at the same place: neither is the person pointing.
  // Until the pointer has been seen once there is nothing to compare, so
  // the first move only sets the place (a real move brings more).
  let at = ''
  const where = (e: MouseEvent) => `${e.clientX},${e.clientY}`
  function pointed(i: number, e: MouseEvent) {
    if (at && where(e) !== at) s.active = i
  }
  // Bubbling, so after the option's own handler has compared.
  $effect(() => {
    const seen = (e: MouseEvent) => (at = where(e))
    window.addEventListener('pointermove', seen)
    return () => window.removeEventListener('pointermove', seen)
  })
  $effect(() => {
    const q = query()
    const mine = ++seq
    // What was chosen among the last answer's hits means nothing for this query.
    s.active = 0
    if (!q.trim()) {
      s.hits = []
      s.answered = ''
      return
    }
    search(q, limit)
      .then((h) => {
        if (mine !== seq) return
        s.hits = keep(rankHits(h, q))
        s.answered = q
        s.active = 0
        s.error = ''
      })
      .catch((e) => {
        if (mine === seq) s.error = message(e)
      })
  })
  return s
}
