// Days, weeks and times for the Events screen: pure functions over the
// occurrences Go expands, in the user's own zone.
import type { AgendaItem } from './api'
import { formatTime } from './format'

const pad = (n: number) => String(n).padStart(2, '0')

/** The local date of d as YYYY-MM-DD. */
export function dayKey(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** A YYYY-MM-DD key as a local Date at midnight. */
export function parseDay(key: string): Date {
  const [y, m, d] = key.split('-').map(Number)
  return new Date(y, m - 1, d)
}

export function addDays(key: string, n: number): string {
  const d = parseDay(key)
  d.setDate(d.getDate() + n)
  return dayKey(d)
}

export function addMonths(key: string, n: number): string {
  const d = parseDay(key)
  const day = d.getDate()
  d.setDate(1)
  d.setMonth(d.getMonth() + n)
  const last = new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate()
  d.setDate(Math.min(day, last))
  return dayKey(d)
}

/** The days an occurrence covers: its start day, or every day of an all-day span. */
export function daysOf(item: AgendaItem): string[] {
  const start = new Date(item.start)
  if (!item.allDay) return [dayKey(start)]
  const out: string[] = []
  const end = new Date(item.end)
  for (let d = new Date(start); d < end && out.length < 366; d.setDate(d.getDate() + 1)) out.push(dayKey(d))
  return out.length ? out : [dayKey(start)]
}

/** Occurrences by day, days in order, within [from, to]. */
export function groupByDay(items: AgendaItem[], from = '', to = '\uffff'): { day: string; items: AgendaItem[] }[] {
  const byDay = new Map<string, AgendaItem[]>()
  for (const it of items) {
    for (const d of daysOf(it)) {
      if (d < from || d > to) continue
      if (!byDay.has(d)) byDay.set(d, [])
      byDay.get(d)!.push(it)
    }
  }
  return [...byDay.keys()].sort().map((day) => ({
    day,
    // all-day first, then by time
    items: byDay.get(day)!.sort((a, b) => Number(b.allDay) - Number(a.allDay) || +new Date(a.start) - +new Date(b.start)),
  }))
}

/** The 42 days (six weeks from Monday) a month view shows around month. */
export function monthGrid(month: string): string[] {
  const first = parseDay(month.slice(0, 8) + '01')
  const back = (first.getDay() + 6) % 7 // Monday first
  const start = addDays(dayKey(first), -back)
  return Array.from({ length: 42 }, (_, i) => addDays(start, i))
}

export const userZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone

const hm = formatTime

/** "20:30–21:30" in the user's zone, or "All day". */
export function timeLabel(item: AgendaItem): string {
  if (item.allDay) return 'All day'
  const s = new Date(item.start)
  const e = new Date(item.end)
  return +e > +s ? `${hm(s)}–${hm(e)}` : hm(s)
}

/** The event's own wall time when its zone is not the user's: "20:30 America/New_York". */
export function zoneNote(item: AgendaItem, zone = userZone()): string {
  if (item.allDay || !item.tz || item.tz === zone) return ''
  try {
    const theirs = hm(new Date(item.start), item.tz)
    // Same wall time (London in winter for someone in UTC): nothing to add.
    return theirs === hm(new Date(item.start), zone) ? '' : `${theirs} ${item.tz}`
  } catch {
    return item.tz
  }
}

/** "Thursday 5 March" (with the year when it is not this one). */
export function dayTitle(key: string, today = dayKey(new Date())): string {
  const d = parseDay(key)
  const opts: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' }
  if (key.slice(0, 4) !== today.slice(0, 4)) opts.year = 'numeric'
  const s = d.toLocaleDateString(undefined, opts)
  if (key === today) return `Today · ${s}`
  if (key === addDays(today, 1)) return `Tomorrow · ${s}`
  return s
}

export function monthTitle(key: string): string {
  return parseDay(key).toLocaleDateString(undefined, { month: 'long', year: 'numeric' })
}
