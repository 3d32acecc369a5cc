import { describe, it, expect } from 'vitest'
import { feedPages } from './feedpages'

describe('feedPages', () => {
  it("lists a person's website and the profiles that have a feed, once each", () => {
    const pages = feedPages({
      urls: [{ value: 'https://ada.example.org/' }, { value: 'ada.example.org' }, { value: 'https://ada.example.org/' }],
      profiles: [
        { value: '@ada@mastodon.social' },
        { value: 'ada.bsky.social', types: ['bluesky'] },
        { value: 'https://www.linkedin.com/in/ada-l/' },
        { value: '@adal', types: ['twitter'] },
        { value: 'https://ada.substack.com/' },
      ],
    } as any)
    expect(pages).toEqual(['https://ada.example.org/', 'https://mastodon.social/@ada', 'https://bsky.app/profile/ada.bsky.social', 'https://ada.substack.com/'])
  })

  it('is empty for someone with no pages', () => {
    expect(feedPages({} as any)).toEqual([])
  })
})
