import { describe, it, expect } from 'vitest'
import { unlinkedWords, visibleGraph } from './graph'

const g = {
  people: 4,
  nodes: [
    { id: 'p1', kind: 'person', label: 'Ada', weight: 1 },
    { id: 'p2', kind: 'person', label: 'Grace', weight: 0 },
    { id: 'p3', kind: 'person', label: 'Seymour', weight: 0 },
    { id: 'c1', kind: 'community', label: 'Lunch and Learn', weight: 1 },
    { id: 's1', kind: 'source', label: 'Notes', weight: 0 },
  ],
  edges: [{ from: 'p1', to: 'c1', kind: 'member', weight: 1 }],
} as any

describe('the network graph filter', () => {
  it('hides unlinked nodes by default and says how many', () => {
    const v = visibleGraph(g, { showUnlinked: false, kinds: {} })
    expect(v.nodes.map((n) => n.id)).toEqual(['p1', 'c1'])
    expect(v.edges).toHaveLength(1)
    expect(unlinkedWords(g)).toBe('2 people and 1 source not linked yet')
  })

  it('shows them on request, and leaves out a kind the reader turned off with its lines', () => {
    const v = visibleGraph(g, { showUnlinked: true, kinds: { community: false } })
    expect(v.nodes.map((n) => n.id)).toEqual(['p1', 'p2', 'p3', 's1'])
    expect(v.edges).toHaveLength(0)
  })

  it('says nothing when everything is linked', () => {
    expect(unlinkedWords({ ...g, nodes: g.nodes.slice(0, 1), edges: [{ from: 'p1', to: 'p1', kind: 'x', weight: 1 }] })).toBe('')
  })
})
