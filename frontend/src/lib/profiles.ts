// Social profiles as links: where a stored profile opens, and which
// service it is on, however it was written (a URL, @user@host, a handle).
import type { Person } from './api'

type Contact = NonNullable<Person['profiles']>[number]

export interface ProfileLink {
  key: string // linkedin, mastodon, twitter, bluesky, github, web, email
  service: string // as people call it
  short: string // the badge's text ("" for a plain page)
  handle: string
  href: string // "" when it cannot be opened
}

const services: Record<string, [string, string]> = {
  linkedin: ['LinkedIn', 'in'],
  mastodon: ['Mastodon', 'M'],
  twitter: ['X', 'X'],
  bluesky: ['Bluesky', 'B'],
  github: ['GitHub', 'GH'],
  web: ['Web', ''],
}

function serviceOfHost(host: string, path: string): string {
  host = host.replace(/^(www|mobile|m)\./, '')
  if (host === 'twitter.com' || host === 'x.com') return 'twitter'
  if (host === 'linkedin.com' || host.endsWith('.linkedin.com')) return 'linkedin'
  if (host === 'bsky.app') return 'bluesky'
  if (host === 'github.com') return 'github'
  if (/^\/@[^/]+/.test(path)) return 'mastodon'
  return 'web'
}

export function profileLink(c: Contact): ProfileLink {
  const v = c.value.trim()
  const typed = (c.types ?? []).find((t) => t !== 'pref' && t !== 'work' && t !== 'home') ?? ''
  let key = typed === 'x' ? 'twitter' : typed === 'bsky' ? 'bluesky' : typed
  let href = ''
  let handle = v
  const fedi = /^@?([^@\s/]+)@([^@\s/]+\.[^@\s/]+)$/.exec(v)
  if (/^https?:\/\//i.test(v)) {
    href = v
    try {
      const u = new URL(v)
      if (!services[key]) key = serviceOfHost(u.hostname.toLowerCase(), u.pathname)
      handle = (u.hostname.replace(/^www\./, '') + u.pathname).replace(/\/$/, '')
    } catch {
      href = ''
    }
  } else if (v.startsWith('did:')) {
    key = 'bluesky'
    href = `https://bsky.app/profile/${v}`
  } else if (fedi && (v.startsWith('@') || key === 'mastodon')) {
    key = 'mastodon'
    href = `https://${fedi[2]}/@${fedi[1]}`
  } else if (key === 'twitter') {
    href = `https://x.com/${v.replace(/^@/, '')}`
  } else if (key === 'bluesky') {
    href = `https://bsky.app/profile/${v.replace(/^@/, '')}`
  } else if (key === 'github') {
    href = `https://github.com/${v.replace(/^@/, '')}`
  }
  if (!services[key]) key = 'web'
  const [service, short] = services[key]
  return { key, service, short, handle, href }
}

/** Every place a person can be opened: their profiles, then a website and an email, each once. */
export function personLinks(profiles: Contact[], website = '', email = ''): ProfileLink[] {
  const links = profiles.map(profileLink)
  if (website) links.push(profileLink({ value: website, types: [] } as Contact))
  const out = links.filter((l, i) => l.href !== '' && links.findIndex((o) => o.href === l.href) === i)
  if (email) out.push({ key: 'email', service: 'Email', short: '', handle: email, href: `mailto:${email}` })
  return out
}
