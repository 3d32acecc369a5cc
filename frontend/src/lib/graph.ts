// What the network graph draws: linked nodes by default, the unlinked ones
// on request, with the kinds the reader chose. Pure, so it is tested apart
// from Cytoscape.
import type { Graph } from './api'
import { countOf } from './kinds'

export const graphKinds = ['person', 'community', 'source', 'topic'] as const

/** Nodes with no line to anything, by kind. */
export function unlinked(g: Graph): Map<string, number> {
  const linked = new Set<string>()
  for (const e of g.edges ?? []) {
    linked.add(e.from)
    linked.add(e.to)
  }
  const by = new Map<string, number>()
  for (const n of g.nodes ?? []) if (!linked.has(n.id)) by.set(n.kind, (by.get(n.kind) ?? 0) + 1)
  return by
}

/** "20 people and 1 source not linked yet", or '' when everything is linked. */
export function unlinkedWords(g: Graph): string {
  const parts = [...unlinked(g)].map(([kind, n]) => countOf(kind, n))
  if (parts.length === 0) return ''
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
  return `${list} not linked yet`
}

/** The graph to draw: without unlinked nodes unless asked, and only the chosen kinds (with the lines between them). */
export function visibleGraph(g: Graph, opts: { showUnlinked: boolean; kinds: Record<string, boolean> }): Graph {
  const linked = new Set<string>()
  for (const e of g.edges ?? []) {
    linked.add(e.from)
    linked.add(e.to)
  }
  const nodes = (g.nodes ?? []).filter((n) => opts.kinds[n.kind] !== false && (opts.showUnlinked || linked.has(n.id)))
  const ids = new Set(nodes.map((n) => n.id))
  const edges = (g.edges ?? []).filter((e) => ids.has(e.from) && ids.has(e.to))
  return { ...g, nodes, edges } as Graph
}

/** A label the graph would like to show: its box on screen and how much it matters. */
export interface LabelBox {
  id: string
  x: number // left
  y: number // top, written under its node
  w: number
  h: number
  priority: number // higher first: the pointed-at node, the picked one, its neighbours, then the most linked
  above?: number // the top when written over its node instead, tried when under is taken
}

/** The priority from which a label shows even over others (the one pointed at). */
export const always = 8

/** A box on screen a label must keep clear of: a node drawn in full (its own node, by id, it may touch). */
export type Obstacle = Pick<LabelBox, 'x' | 'y' | 'w' | 'h'> & { id?: string }

/**
 * Which labels to show, and where, so that none covers another or a node:
 * the most important first, each under its node if that is clear of the
 * labels already kept and of the obstacles, else over it, else left out.
 * Greedy, which is what a reader wants: the name under the pointer always
 * shows, a crowded neighbour's does not.
 */
export function placeLabels(boxes: LabelBox[], obstacles: Obstacle[] = [], gap = 2): Map<string, 'below' | 'above'> {
  const kept: Obstacle[] = [...obstacles]
  const out = new Map<string, 'below' | 'above'>()
  const clear = (a: Obstacle, b: Obstacle) => a.x + a.w + gap <= b.x || b.x + b.w + gap <= a.x || a.y + a.h + gap <= b.y || b.y + b.h + gap <= a.y
  for (const b of [...boxes].sort((a, b) => b.priority - a.priority)) {
    const tries: ['below' | 'above', LabelBox][] = [['below', b]]
    if (b.above !== undefined) tries.push(['above', { ...b, y: b.above }])
    // The pointed-at label shows whatever it covers.
    const fit = b.priority >= always ? tries[0] : tries.find(([, at]) => kept.every((k) => k.id === b.id || clear(k, at)))
    if (fit) {
      kept.push({ ...fit[1], id: undefined })
      out.set(b.id, fit[0])
    }
  }
  return out
}
