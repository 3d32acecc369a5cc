import { describe, it, expect } from 'vitest'
import { personLinks, profileLink } from './profiles'

describe('profileLink', () => {
  it.each([
    [{ value: 'https://www.linkedin.com/in/ada-l/' }, 'linkedin', 'https://www.linkedin.com/in/ada-l/'],
    [{ value: 'https://twitter.com/intent/user?user_id=12', types: ['twitter'] }, 'twitter', 'https://twitter.com/intent/user?user_id=12'],
    [{ value: '@ada@mastodon.social' }, 'mastodon', 'https://mastodon.social/@ada'],
    [{ value: 'ada@mastodon.social', types: ['mastodon'] }, 'mastodon', 'https://mastodon.social/@ada'],
    [{ value: 'https://hachyderm.io/@grace' }, 'mastodon', 'https://hachyderm.io/@grace'],
    [{ value: '@adal', types: ['pref', 'twitter'] }, 'twitter', 'https://x.com/adal'],
    [{ value: 'did:plc:z72i7h' }, 'bluesky', 'https://bsky.app/profile/did:plc:z72i7h'],
    [{ value: 'ada.bsky.social', types: ['bluesky'] }, 'bluesky', 'https://bsky.app/profile/ada.bsky.social'],
    [{ value: 'https://ada.example.org/' }, 'web', 'https://ada.example.org/'],
    [{ value: 'adal', types: ['skype'] }, 'web', ''],
  ])('%o is %s at %s', (c, key, href) => {
    const l = profileLink(c as any)
    expect(l.key).toBe(key)
    expect(l.href).toBe(href)
  })
})

describe('personLinks', () => {
  it('opens profiles, then the website and the email, each once', () => {
    const links = personLinks(
      [{ value: 'https://www.linkedin.com/in/ada' }, { value: '@ada@mastodon.social' }, { value: 'skype:ada', types: ['skype'] }, { value: 'https://ada.example.org/' }],
      'https://ada.example.org/',
      'ada@example.org',
    )
    expect(links.map((l) => [l.service, l.href])).toEqual([
      ['LinkedIn', 'https://www.linkedin.com/in/ada'],
      ['Mastodon', 'https://mastodon.social/@ada'],
      ['Web', 'https://ada.example.org/'],
      ['Email', 'mailto:ada@example.org'],
    ])
    expect(personLinks([])).toEqual([])
  })
})
