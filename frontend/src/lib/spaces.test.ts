import { describe, it, expect } from 'vitest'
import { tone, invitationFileName, byKind } from './spaces'
import { staysPrivate, andList, leaveSpaceWords, removeMemberWords } from './words'
import type { SpaceStatus, Summary } from './api'

const status = (s: Partial<SpaceStatus>): SpaceStatus => ({ id: 's', name: 'L&D team', server: '', members: 2, connected: true, behind: 0, unsent: 0, lastExchange: '', words: '', ...s }) as SpaceStatus

describe('team spaces in the window', () => {
  it('draws a space as up to date, catching up, unreachable or left', () => {
    expect(tone(status({}))).toBe('ok')
    expect(tone(status({ behind: 3 }))).toBe('behind')
    expect(tone(status({ unsent: 1 }))).toBe('behind')
    expect(tone(status({ connected: false, behind: 3 }))).toBe('off')
    expect(tone(status({ gone: true, connected: true }))).toBe('gone')
    expect(tone(undefined)).toBe('off')
  })

  it('names an invitation file after its space, safe on every system', () => {
    expect(invitationFileName('L&D team')).toBe('L&D team invitation.txt')
    expect(invitationFileName('Data / AI: book club?')).toBe('Data AI book club invitation.txt')
    expect(invitationFileName(' / ')).toBe('Team space invitation.txt')
  })

  it('groups what a space holds by kind, topics first and people last, each by title', () => {
    const items = [
      { id: 'p1', kind: 'person', title: 'Rob' },
      { id: 'c2', kind: 'community', title: 'Lunch and learn' },
      { id: 't1', kind: 'topic', title: 'Go' },
      { id: 'c1', kind: 'community', title: 'Go meetup' },
    ] as Summary[]
    expect(byKind(items).map((g) => [g.label, g.items.map((i) => i.title)])).toEqual([
      ['Topics', ['Go']],
      ['Communities', ['Go meetup', 'Lunch and learn']],
      ['People', ['Rob']],
    ])
  })

  it('says what of a shared item stays private: only fields it has, in words', () => {
    const fields = ['notes', 'members', 'cadence', 'uids', 'since']
    expect(staysPrivate(fields, { notes: 'bring a laptop', members: ['p1'], cadence: '', uids: ['x'] })).toBe('your notes and its list of members')
    expect(staysPrivate(fields, { members: [] })).toBe('')
    expect(andList(['a', 'b', 'c'])).toBe('a, b and c')
  })

  it('says what leaving and removing do before they happen', () => {
    expect(leaveSpaceWords('L&D team', 3)).toMatch(/^The 3 items shared in it stay on your computers.*nothing new from L&D team\.$/)
    expect(leaveSpaceWords('L&D team', 1)).toMatch(/^The item shared in it stays/)
    expect(removeMemberWords('Tom', 'L&D team')).toContain('receives nothing shared in L&D team from now on')
  })
})
