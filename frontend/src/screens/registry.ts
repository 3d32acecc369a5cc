// The screens of the window, in sidebar order. A screen is one entry here:
// its component gets no props and reads what it needs from the services.
import type { Component } from 'svelte'
import Users from '@lucide/svelte/icons/users'
import Sunrise from '@lucide/svelte/icons/sunrise'
import FileInput from '@lucide/svelte/icons/file-input'
import People from './People.svelte'
import Import from './Import.svelte'
import Today from './Today.svelte'
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
  { screen: 'today', label: 'Today', icon: Sunrise, component: Today },
  { screen: 'people', label: 'People', icon: Users, component: People, kind: 'person' },
  { screen: 'import', label: 'Import', icon: FileInput, component: Import, group: 'tools' },
]
