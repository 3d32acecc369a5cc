import { describe, it, expect } from 'vitest'
import { always, placeLabels, unlinkedWords, visibleGraph, type LabelBox } from './graph'

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

describe('the graph labels', () => {
  const box = (id: string, x: number, y: number, priority: number, w = 100, above?: number): LabelBox => ({ id, x, y, w, h: 14, priority, above })
  const overlaps = (a: LabelBox, b: LabelBox) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

  it('shows the more important of two labels that would overlap', () => {
    // "poetry" written over "Notes on the Engine": the picked node's neighbour wins over a plain node.
    const shown = placeLabels([box('poetry', 40, 100, 0, 40), box('notes', 20, 106, 1, 130)])
    expect([...shown]).toEqual([['notes', 'below']])
  })

  it('writes a label over its node when under it is taken', () => {
    const shown = placeLabels([box('poetry', 40, 100, 0, 40, 70), box('notes', 20, 106, 1, 130, 76)])
    expect(shown.get('notes')).toBe('below')
    expect(shown.get('poetry')).toBe('above')
  })

  it('keeps clear of the nodes drawn, going over its node or waiting', () => {
    const dot = { x: 30, y: 104, w: 12, h: 12 }
    expect(placeLabels([box('a', 0, 100, 1, 100, 60)], [dot]).get('a')).toBe('above')
    expect(placeLabels([box('a', 0, 100, 1, 100)], [dot]).has('a')).toBe(false)
    expect(placeLabels([box('hover', 0, 100, always, 100)], [dot]).get('hover')).toBe('below')
    // Its own node, drawn with a thick border when picked, does not push it away.
    expect(placeLabels([box('a', 0, 100, 1, 100)], [{ ...dot, id: 'a' }]).get('a')).toBe('below')
  })

  it('keeps every label that has room, and the one under the pointer always', () => {
    const shown = placeLabels([box('a', 0, 0, 1), box('b', 0, 20, 1), box('c', 50, 5, 0), box('hover', 60, 10, always + 1)])
    expect([...shown.keys()].sort()).toEqual(['hover'])
    expect([...placeLabels([box('a', 0, 0, 1), box('b', 0, 20, 1), box('c', 200, 0, 0)]).keys()].sort()).toEqual(['a', 'b', 'c'])
  })

  it('never leaves two shown labels overlapping in a crowd', () => {
    // Forty labels scattered over a small area, as a dense graph zoomed in, each free to go over its node.
    let seed = 7
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    const boxes = Array.from({ length: 40 }, (_, i) => {
      const y = rand() * 200
      return box(`n${i}`, rand() * 300, y, rand() * 3, 40 + rand() * 80, y - 30)
    })
    const placed = placeLabels(boxes)
    const shown = boxes.filter((b) => placed.has(b.id)).map((b) => (placed.get(b.id) === 'above' ? { ...b, y: b.above! } : b))
    expect(shown.length).toBeGreaterThan(5)
    expect(shown.some((b) => placed.get(b.id) === 'above')).toBe(true)
    for (const a of shown) for (const b of shown) if (a !== b) expect(overlaps(a, b), `${a.id} over ${b.id}`).toBe(false)
  })
})
