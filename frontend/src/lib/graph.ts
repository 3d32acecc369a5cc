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
