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
  y: number // top
  w: number
  h: number
  priority: number // higher first: the pointed-at node, the picked one, its neighbours, then the most linked
}

/**
 * Which labels to show so that none covers another: the most important
 * first, each kept only if its box is clear of those already kept. Greedy,
 * which is what a reader wants: the name under the pointer always shows,
 * a crowded neighbour's does not.
 */
export function placeLabels(boxes: LabelBox[], gap = 2): Set<string> {
  const kept: LabelBox[] = []
  const clear = (a: LabelBox, b: LabelBox) => a.x + a.w + gap <= b.x || b.x + b.w + gap <= a.x || a.y + a.h + gap <= b.y || b.y + b.h + gap <= a.y
  for (const b of [...boxes].sort((a, b) => b.priority - a.priority)) {
    if (kept.every((k) => clear(k, b))) kept.push(b)
  }
  return new Set(kept.map((b) => b.id))
}
