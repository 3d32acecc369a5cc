// Where a person's values came from, in words: "LinkedIn connections,
// 3 Dec", "contacts.vcf, 12 Nov 2025", "typed in".
import type { From, Person, ValueOrigin } from './api'
import { shortDate } from './format'

/** The fields shown with their origin, as the person's page names them (others, such as source IDs, stay out). */
const labels: Record<string, string> = {
  name: 'Name',
  given: 'Given name',
  family: 'Family name',
  nicknames: 'Nickname',
  emails: 'Email',
  phones: 'Phone',
  org: 'Organisation',
  department: 'Department',
  title: 'Job title',
  role: 'Role',
  birthday: 'Birthday',
  addresses: 'Address',
  urls: 'Website',
  profiles: 'Profile',
  met: 'Met',
  topics: 'Topic',
}

/** One place a value came from: the import and the day it ran, or "typed in". */
export function fromWords(f: From, now = new Date()): string {
  return f.date ? `${f.name}, ${shortDate(f.date, now)}` : f.name
}

export interface OriginLine {
  key: string // field and place in it, as Origins gives them
  label: string
  value: string
  from: string
  files: string // the files behind it, for a tooltip
}

/** The values worth telling the origin of, in the order the person's page shows fields. */
export function originLines(os: ValueOrigin[], now = new Date()): OriginLine[] {
  return os
    .filter((o) => labels[o.field] && o.value)
    .map((o) => ({
      key: `${o.field}:${o.index}:${o.value}`,
      label: labels[o.field],
      value: o.value,
      from: o.from.map((f) => fromWords(f, now)).join('; ') || 'typed in',
      files: o.from.map((f) => f.file ?? '').filter(Boolean).join(', '),
    }))
}

/** A card not stored yet (one an import held back) as origins: every value from the one file. */
export function cardOrigins(card: Partial<Person>, from: From): ValueOrigin[] {
  const out: ValueOrigin[] = []
  const c = card as Record<string, unknown>
  for (const field of Object.keys(labels)) {
    const v = c[field]
    const values = Array.isArray(v) ? v : v ? [v] : []
    values.forEach((x, index) => {
      const value =
        typeof x === 'string'
          ? x
          : typeof x === 'object' && x && 'value' in x
            ? String((x as { value: string }).value)
            : [(x as any)?.street, (x as any)?.locality, (x as any)?.country].filter(Boolean).join(', ')
      if (value) out.push({ field, index, value, from: [from] } as ValueOrigin)
    })
  }
  return out
}
