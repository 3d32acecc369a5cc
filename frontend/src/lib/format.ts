import type { Contact } from './api'

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  if (parts.length === 0) return '?'
  const first = parts[0][0] ?? ''
  const last = parts.length > 1 ? parts[parts.length - 1][0] : ''
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

/** "1815-12-10" → "10 December 1815"; "--12-10" → "10 December". */
export function formatDate(d: string | undefined): string {
  if (!d) return ''
  const m = /^(\d{4}|--)-?(\d{2})-(\d{2})/.exec(d)
  if (!m) return d
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
  const day = String(Number(m[3]))
  const month = months[Number(m[2]) - 1] ?? m[2]
  return m[1] === '--' ? `${day} ${month}` : `${day} ${month} ${m[1]}`
}

/** Parses "a, b; c" into a trimmed list. */
export function splitList(s: string): string[] {
  return s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean)
}
