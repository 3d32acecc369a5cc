// The screens of the window, in sidebar order. A screen is one entry here:
// its component gets no props and reads what it needs from the services.
import type { Component } from 'svelte'
import Users from '@lucide/svelte/icons/users'
import UsersRound from '@lucide/svelte/icons/users-round'
import BookOpen from '@lucide/svelte/icons/book-open'
import NotebookPen from '@lucide/svelte/icons/notebook-pen'
import Tags from '@lucide/svelte/icons/tags'
import Network from '@lucide/svelte/icons/network'
import SettingsIcon from '@lucide/svelte/icons/settings'
import Trash2 from '@lucide/svelte/icons/trash-2'
import RefreshCw from '@lucide/svelte/icons/refresh-cw'
import SyncScreen from './Sync.svelte'
import People from './People.svelte'
import Communities from './Communities.svelte'
import Sources from './Sources.svelte'
import Log from './Log.svelte'
import Topics from './Topics.svelte'
import NetworkScreen from './Network.svelte'
import Settings from './Settings.svelte'
import Trash from './Trash.svelte'
import Sunrise from '@lucide/svelte/icons/sunrise'
import FileInput from '@lucide/svelte/icons/file-input'
import Import from './Import.svelte'
import Today from './Today.svelte'
import CalendarDays from '@lucide/svelte/icons/calendar-days'
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
  { screen: 'today', label: 'Today', icon: Sunrise, component: Today },
  { screen: 'people', label: 'People', icon: Users, component: People, kind: 'person' },
  { screen: 'communities', label: 'Communities', icon: UsersRound, component: Communities, kind: 'community' },
  { screen: 'sources', label: 'Sources', icon: BookOpen, component: Sources, kind: 'source' },
  { screen: 'events', label: 'Events', icon: CalendarDays, component: Events, kind: 'event' },
  { screen: 'log', label: 'Log', icon: NotebookPen, component: Log, kind: 'interaction' },
  { screen: 'topics', label: 'Topics', icon: Tags, component: Topics, kind: 'topic' },
  { screen: 'network', label: 'Network', icon: Network, component: NetworkScreen },
  { screen: 'sync', label: 'Sync', icon: RefreshCw, component: SyncScreen, group: 'tools' },
  { screen: 'settings', label: 'Settings', icon: SettingsIcon, component: Settings, group: 'tools' },
  { screen: 'trash', label: 'Trash', icon: Trash2, component: Trash, group: 'tools' },
  { screen: 'import', label: 'Import', icon: FileInput, component: Import, group: 'tools' },
]
