import type { Contact } from './api'

/** "Ada Lovelace" → "AL"; words that start with a letter only ("Colleague Number 10" → "CN", not "C1"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const parts = words.filter((w) => /^\p{L}/u.test(w))
  if (parts.length === 0) return words[0]?.[0]?.toUpperCase() ?? '?'
  const first = [...parts[0]][0] ?? ''
  const last = parts.length > 1 ? [...parts[parts.length - 1]][0] : ''
  return (first + last).toUpperCase()
}

/** A stable hue per name, so an avatar keeps its colour. */
export function hue(s: string): number {
  let h = 0
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) % 360
  return h
}

export function contactLabel(c: Contact): string {
  const t = (c.types ?? []).filter((x) => x !== 'pref' && x !== 'internet' && x !== 'voice')
  return c.label || t.join(', ')
}

/** A day ("1815-12-10", "--12-10" or an RFC 3339 time) as a Date at local noon; null if it is none. */
export function parseDay(d: string | undefined): Date | null {
  const m = /^(\d{4}|--)-?(\d{2})-(\d{2})/.exec(d ?? '')
  if (!m) return null
  return new Date(m[1] === '--' ? 2000 : Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)
}

// Dates are written one way everywhere, in the system's locale.
const full = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' })
const noYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long' })
const short = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' })
const shortYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
const rel = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

/** "1815-12-10" → "10 December 1815"; "--12-10" (year unknown) → "10 December"; in the system's locale. */
export function formatDate(d: string | undefined): string {
  const day = parseDay(d)
  if (!day) return d ?? ''
  return d!.startsWith('--') ? noYear.format(day) : full.format(day)
}

const monthOnly = new Intl.DateTimeFormat(undefined, { month: 'short' })
const monthYear = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' })

/** Labels for a run of months ("2025-12", "2026-01", …): the first and each
 * January with the year in full ("Dec 2025", "Jan 2026", "Feb"), so a label
 * never reads as a day of the month ("Jan 26"). */
export function monthLabels(months: string[]): string[] {
  return months.map((m, i) => {
    const d = new Date(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1, 12)
    return i === 0 || d.getMonth() === 0 ? monthYear.format(d) : monthOnly.format(d)
  })
}

/** "7 Dec" whatever the year, in the system's locale: a row of session marks. */
export function dayMonth(d: string | undefined): string {
  const day = parseDay(d)
  return day ? short.format(day) : (d ?? '')
}

/** "7 Dec", or "7 Dec 2024" when not this year: for lists. */
export function shortDate(d: string | undefined, now = new Date()): string {
  const day = parseDay(d)
  if (!day) return d ?? ''
  return day.getFullYear() === now.getFullYear() ? short.format(day) : shortYear.format(day)
}

// Times are on the 24-hour clock, as the reminders and the command line
// write them ("19:30"), in the system's locale.
const clock = (timeZone?: string) => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })
const localClock = clock()
// One formatter each: a list of hundreds of posts or feeds formats a
// date per row, and making a formatter costs more than using one.
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' })

/** "19:30": a moment's time of day, here or in timeZone; '' for no time. */
export function formatTime(t: string | Date | undefined, timeZone?: string): string {
  const d = typeof t === 'string' ? new Date(t) : t
  if (!d || isNaN(d.getTime())) return ''
  return (timeZone ? clock(timeZone) : localClock).format(d)
}

/** When a session or event is, as Today says it: "today at 19:30",
 * "tomorrow at 19:30", "yesterday at 19:30", "Mon 14 Dec at 19:30". */
export function sessionWhen(start: string, now = new Date()): string {
  const d = new Date(start)
  if (isNaN(d.getTime())) return start
  const days = Math.round((new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() - new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime()) / 86400000)
  const day = days === 0 ? 'today' : days === 1 ? 'tomorrow' : days === -1 ? 'yesterday' : weekday.format(d)
  return `${day} at ${formatTime(d)}`
}

/** A moment as a date and time, for what happened when (an import): "7 December 2026, 15:31". */
export function formatMoment(iso: string | undefined): string {
  const d = new Date(iso ?? '')
  if (isNaN(d.getTime())) return iso ?? ''
  return `${full.format(d)}, ${formatTime(d)}`
}

/** How long ago a day was, as a person says it: "today", "yesterday", "3 days ago", "7 weeks ago", "4 months ago". */
export function ago(d: string | undefined, now = new Date()): string {
  const day = parseDay(d)
  if (!day) return d ?? ''
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 12)
  const days = Math.round((day.getTime() - today.getTime()) / 86400000)
  const a = Math.abs(days)
  if (a < 14) return rel.format(days, 'day')
  if (a < 70) return rel.format(Math.round(days / 7), 'week')
  if (a < 548) return rel.format(Math.round(days / 30.44), 'month')
  return rel.format(Math.round(days / 365.25), 'year')
}

/** How long ago a moment (RFC 3339) was, to the minute: "5 minutes ago",
 * "yesterday" (when a computer last synced); the full date goes in a tooltip. */
export function agoTime(iso: string | undefined, now = Date.now()): string {
  if (!iso) return ''
  const t = Date.parse(iso)
  if (isNaN(t)) return iso
  const s = Math.round((t - now) / 1000)
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ]
  for (const [unit, secs] of units) {
    if (Math.abs(s) >= secs) return rel.format(Math.round(s / secs), unit)
  }
  return 'just now'
}

/** When a fetch was or will be, to the minute: "today 13:02", "Thu 3 Dec
 * 13:02"; "never" for none (Go's zero time). */
export function fetchTime(iso: string | undefined, now = new Date()): string {
  if (!iso || iso.startsWith('0001')) return 'never'
  const d = new Date(iso)
  if (isNaN(d.getTime())) return iso
  const time = formatTime(d)
  if (d.toDateString() === now.toDateString()) return `today ${time}`
  return `${weekday.format(d)} ${time}`
}

/** A post's day: "Sun 6 Dec" (in the system's locale). */
export function postDay(iso: string | undefined): string {
  const d = new Date(iso ?? '')
  return isNaN(d.getTime()) ? '' : weekday.format(d)
}

/** Parses "a, b; c" into a trimmed list. */
export function splitList(s: string): string[] {
  return s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean)
}
