// What each kind of record is called and how it is drawn, listed once: the
// search palette, timelines, Trash and the network graph all use it.
import type { Component } from 'svelte'
import User from '@lucide/svelte/icons/user'
import Users from '@lucide/svelte/icons/users'
import BookOpen from '@lucide/svelte/icons/book-open'
import CalendarDays from '@lucide/svelte/icons/calendar-days'
import MessageCircle from '@lucide/svelte/icons/message-circle'
import Lightbulb from '@lucide/svelte/icons/lightbulb'
import Target from '@lucide/svelte/icons/target'
import Tag from '@lucide/svelte/icons/tag'

export interface KindInfo {
  label: string
  plural: string
  icon: Component<any>
  /** A CSS custom property (without --) for the kind's own colour. */
  colour: string
  /** Its shape in the network graph (a Cytoscape node shape). */
  shape: 'ellipse' | 'round-rectangle' | 'diamond' | 'round-tag' | 'hexagon' | 'triangle' | 'star' | 'barrel'
}

export const kinds: Record<string, KindInfo> = {
  person: { label: 'Person', plural: 'People', icon: User, colour: 'kind-person', shape: 'ellipse' },
  community: { label: 'Community', plural: 'Communities', icon: Users, colour: 'kind-community', shape: 'hexagon' },
  source: { label: 'Source', plural: 'Sources', icon: BookOpen, colour: 'kind-source', shape: 'round-rectangle' },
  topic: { label: 'Topic', plural: 'Topics', icon: Tag, colour: 'kind-topic', shape: 'round-tag' },
  event: { label: 'Event', plural: 'Events', icon: CalendarDays, colour: 'kind-event', shape: 'diamond' },
  interaction: { label: 'Interaction', plural: 'Interactions', icon: MessageCircle, colour: 'kind-person', shape: 'ellipse' },
  learning: { label: 'Learning', plural: 'Learnings', icon: Lightbulb, colour: 'kind-source', shape: 'ellipse' },
  goal: { label: 'Goal', plural: 'Goals', icon: Target, colour: 'kind-topic', shape: 'star' },
}

/** The kind's entry; an unknown kind reads as its own name. */
export function kindOf(kind: string): KindInfo {
  return kinds[kind] ?? { label: kind, plural: kind, icon: MessageCircle, colour: 'text-3', shape: 'ellipse' }
}

/** "1 person", "31 people", "1 event": a count in words. */
export function countOf(kind: string, n: number): string {
  const k = kindOf(kind)
  return `${n.toLocaleString()} ${(n === 1 ? k.label : k.plural).toLowerCase()}`
}
