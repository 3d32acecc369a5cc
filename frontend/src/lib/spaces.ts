// Team spaces in the window: how a space's state is drawn, the name its
// invitation is saved under, and what it holds grouped for its page.
import type { SpaceStatus, Summary } from './api'
import { kindOf } from './kinds'

export type Tone = 'ok' | 'behind' | 'off' | 'gone'

/** A space's state as a dot's colour: up to date, catching up, not reachable, or left. */
export function tone(s: SpaceStatus | undefined): Tone {
  if (!s) return 'off'
  if (s.gone) return 'gone'
  if (!s.connected) return 'off'
  return s.behind > 0 || s.unsent > 0 ? 'behind' : 'ok'
}

/** "L&D team invitation.txt", safe as a file name on every system. */
export function invitationFileName(space: string): string {
  const name = space.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim()
  return `${name || 'Team space'} invitation.txt`
}

// Topics first, as sharing goes by topic; people last, shared only by name.
const order = ['topic', 'community', 'source', 'event', 'learning', 'goal', 'person']

/** The items of a space grouped by kind (topics first, people last), each group headed by its plural and in order of title. */
export function byKind(items: Summary[]): { kind: string; label: string; items: Summary[] }[] {
  const groups: { kind: string; label: string; items: Summary[] }[] = []
  for (const it of items) {
    let g = groups.find((x) => x.kind === it.kind)
    if (!g) groups.push((g = { kind: it.kind, label: kindOf(it.kind).plural, items: [] }))
    g.items.push(it)
  }
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length)
  groups.sort((a, b) => rank(a.kind) - rank(b.kind))
  for (const g of groups) g.items.sort((a, b) => (a.title ?? '').localeCompare(b.title ?? ''))
  return groups
}
