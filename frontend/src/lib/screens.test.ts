import { describe, it, expect } from 'vitest'
import { screenList, screenForKey, shortcutKeys, screenCount } from './screens'
import { screens } from '../screens/registry'
import { shortcuts } from './shortcuts'
import WhatsNew from '../screens/WhatsNew.svelte'

describe('the one list of screens', () => {
  it('gives every screen a component, an icon and its own key', () => {
    expect(screens.map((s) => s.screen)).toEqual(screenList.map((s) => s.screen))
    for (const s of screens) {
      expect(s.component, s.screen).toBeTruthy()
      expect(s.iconComponent, s.screen).toBeTruthy()
    }
    const keys = screenList.map((s) => s.key.toLowerCase())
    expect(new Set(keys).size).toBe(keys.length)
  })

  it("reaches What's new, with its own screen and icon", () => {
    const news = screens.find((s) => s.screen === 'news')!
    expect(news.label).toBe("What's new")
    expect(news.component).toBe(WhatsNew)
    expect(news.icon).toBe('newspaper')
  })

  it('maps Ctrl keys to screens as the View menu does', () => {
    expect(screenForKey('1', false)).toBe('today')
    expect(screenForKey('9', false)).toBe('settings')
    expect(screenForKey('s', true)).toBe('sync')
    expect(screenForKey('s', false)).toBeUndefined()
    expect(screenForKey('i', false)).toBe('import')
    expect(screenForKey('n', true)).toBe('news')
  })

  it('lists the screens in the help in the same order', () => {
    const anywhere = shortcuts[0].items.map((i) => i.does).join('\n')
    expect(anywhere).toContain('Go to Today, People, Communities, Sources, Events, Log, Topics, Network, Settings')
    expect(shortcutKeys(screenList.find((s) => s.screen === 'sync')!)).toEqual(['Ctrl', 'Shift', 'S'])
    expect(anywhere).toContain("Go to What's new")
  })

  it('counts what each screen holds: the Log its interactions and learnings', () => {
    const counts = { person: 31, interaction: 14, learning: 6 }
    const count = (screen: string) => screenCount(screenList.find((s) => s.screen === screen)!, counts)
    expect(count('people')).toBe('31')
    expect(count('log')).toBe('20')
    expect(count('events')).toBe('')
    expect(count('network')).toBe('')
  })
})
