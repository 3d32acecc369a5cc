// What the People list shows: everyone by name, a search, or the set the
// filters pick, a page at a time (the list is virtualised over 50k people).
import { filterPeople, type PeopleQuery, type PersonRow } from './api'

export type PeoplePages = (offset: number, limit: number) => Promise<{ total: number; items: PersonRow[] }>

/** The filter choices as a query; contact is "over:90" ("not in the last 90 days"), "within:30" or "never"; from is where they came from. */
export function peopleFilter(topicId: string, communityId: string, contact: string, service = '', from = ''): PeopleQuery | null {
  if (!topicId && !communityId && !contact && !service && !from) return null
  const [c, d] = contact.split(':')
  const q: PeopleQuery = { topicId, communityId, service, contact: c as PeopleQuery['contact'], days: Number(d ?? 0) }
  if (from) q.from = from
  return q
}

/** Everyone: the filter that keeps all, so rows still carry their last contact. */
const everyone: PeopleQuery = { topicId: '', communityId: '', service: '', contact: '', days: 0 }

/** The pages for a query (a search wins over the filters, but keeps to where they came from) or a filter; rows carry where their icons open. */
export function peoplePages(query: string, filter: PeopleQuery | null): PeoplePages {
  const q = query.trim()
  const from = filter?.from ? { from: filter.from } : {}
  if (q) return (o, l) => filterPeople({ ...everyone, ...from, query: q, offset: o, limit: l })
  return (o, l) => filterPeople({ ...(filter ?? everyone), offset: o, limit: l })
}
