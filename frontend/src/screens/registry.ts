// The screens of the window, in sidebar order. A screen is one entry here:
// its component gets no props and reads what it needs from the services.
import type { Component } from 'svelte'
import Users from '@lucide/svelte/icons/users'
import CalendarDays from '@lucide/svelte/icons/calendar-days'
import People from './People.svelte'
import Events from './Events.svelte'
import type { Screen } from '../lib/nav.svelte'

export interface ScreenEntry {
  screen: Screen
  label: string
  icon: Component<any>
  component: Component<any>
  kind?: string // entity kind whose count the sidebar shows
  group?: 'main' | 'tools' // tools sit below the main screens
}

export const screens: ScreenEntry[] = [
  { screen: 'people', label: 'People', icon: Users, component: People, kind: 'person' },
  { screen: 'events', label: 'Events', icon: CalendarDays, component: Events, kind: 'event' },
]
