import { describe, it, expect } from 'vitest'
import { folderSteps, newcomer, connectedIDs, folderName } from './connect'
import { agoTime } from './format'

const dev = (id: string, extra: Record<string, unknown> = {}) =>
  ({ id, short: id, name: id, paired: '2026-12-01T09:00:00Z', behind: 0, state: 'idle', done: 0, total: 0, sent: 0, received: 0, ...extra }) as any

describe('folder checklist', () => {
  it('ticks each step from the folder setting, the paired list and the first sync', () => {
    const done = (steps: ReturnType<typeof folderSteps>) => steps.map((s) => s.done)
    expect(done(folderSteps('', []))).toEqual([false, false, false])
    expect(done(folderSteps('/home/me/Dropbox/lw', []))).toEqual([true, false, false])
    // The other computer's invitation accepted here: it is on the list, not synced yet.
    expect(done(folderSteps('/home/me/Dropbox/lw', [dev('work')]))).toEqual([true, true, false])
    // Its first sync arrived: the other computer did its part.
    expect(done(folderSteps('/home/me/Dropbox/lw', [dev('work', { lastSeen: '2026-12-07T10:00:00Z', how: 'folder' })]))).toEqual([true, true, true])
    expect(folderSteps('', []).map((s) => s.side)).toEqual(['here', 'here', 'there'])
  })

  it('is about the computer being connected, not one connected before or stopped', () => {
    const old = dev('laptop', { lastSeen: '2026-11-01T10:00:00Z', paired: '2026-10-01T09:00:00Z' })
    const gone = dev('phone', { revoked: '2026-11-02T10:00:00Z', paired: '2026-12-02T09:00:00Z' })
    const known = connectedIDs([old, gone])
    expect([...known]).toEqual(['laptop'])
    expect(folderSteps('/f', [old, gone], known).map((s) => s.done)).toEqual([true, false, false])
    const work = dev('work', { paired: '2026-12-07T09:00:00Z' })
    expect(newcomer([old, gone, work], known)?.id).toBe('work')
    expect(folderSteps('/f', [old, gone, work], known).map((s) => s.done)).toEqual([true, true, false])
  })

  it('prefers a computer still waiting for its first sync over one already synced', () => {
    const a = dev('a', { paired: '2026-12-07T09:00:00Z', lastSeen: '2026-12-07T09:30:00Z' })
    const b = dev('b', { paired: '2026-12-06T09:00:00Z' })
    expect(newcomer([a, b])?.id).toBe('b')
  })
})

describe('words', () => {
  it('says when as a person would', () => {
    const now = Date.parse('2026-12-07T12:00:00Z')
    expect(agoTime('2026-12-07T11:59:40Z', now)).toBe('just now')
    expect(agoTime('2026-12-07T11:55:00Z', now)).toMatch(/5 minutes ago/)
    expect(agoTime('2026-12-06T12:00:00Z', now)).toMatch(/yesterday|1 day ago/)
    expect(agoTime(undefined, now)).toBe('')
  })

  it('names the folder by its last part', () => {
    expect(folderName('/home/me/Dropbox/Learnwork/')).toBe('Learnwork')
    expect(folderName('C:\\Users\\me\\OneDrive\\lw')).toBe('lw')
  })
})
