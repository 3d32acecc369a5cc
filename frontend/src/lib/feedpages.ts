// The pages of a person that may have a feed: their websites and their
// profiles on services that publish one (Mastodon, Bluesky, a blog,
// Substack, Medium, YouTube), as addresses Learnwork can look at.
import type { Person } from './api'
import { profileLink } from './profiles'

// LinkedIn, X and GitHub profiles have no feed Learnwork can read.
const withFeeds = new Set(['mastodon', 'bluesky', 'web'])

export function feedPages(p: Pick<Person, 'urls' | 'profiles'>): string[] {
  const out: string[] = []
  const add = (href: string) => {
    if (/^https?:\/\//i.test(href) && !out.includes(href)) out.push(href)
  }
  for (const u of p.urls ?? []) add(u.value.trim())
  for (const c of p.profiles ?? []) {
    const l = profileLink(c)
    if (withFeeds.has(l.key)) add(l.href)
  }
  return out
}
