// Records that rows and links point at (a Log row's people, a person's
// photo), fetched once and kept until the store changes.
import { show, on } from './api'

type Entity = Record<string, any>
const cache = new Map<string, Promise<Entity | null>>()
let listening = false

export function entityOf(id: string): Promise<Entity | null> {
  if (!listening) {
    listening = true
    try {
      on('store:changed', () => cache.clear())
    } catch {
      // No events (a test without them): nothing to forget.
    }
  }
  let p = cache.get(id)
  if (!p) {
    try {
      p = show(id).catch(() => null)
    } catch {
      p = Promise.resolve(null)
    }
    cache.set(id, p)
  }
  return p
}

/** "Missed #lrnchat · Thu 26 Nov" for a session mark; '' for anything else. */
export function markTitle(type: string | undefined, community: string | undefined, date: string | undefined): string {
  if ((type !== 'missed' && type !== 'attended') || !community) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? '')
  const day = m ? new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)) : ''
  return [`${type === 'missed' ? 'Missed' : 'Attended'} ${community}`, day].filter(Boolean).join(' · ')
}
