// The screens of the window: lib/screens.json gives their order, shortcut,
// icon and label; this adds the component and the icon's drawing. A screen
// component gets no props and reads what it needs from the services.
import type { Component } from 'svelte'
import Users from '@lucide/svelte/icons/users'
import UsersRound from '@lucide/svelte/icons/users-round'
import BookOpen from '@lucide/svelte/icons/book-open'
import NotebookPen from '@lucide/svelte/icons/notebook-pen'
import Tags from '@lucide/svelte/icons/tags'
import NetworkIcon from '@lucide/svelte/icons/network'
import SettingsIcon from '@lucide/svelte/icons/settings'
import Trash2 from '@lucide/svelte/icons/trash-2'
import RefreshCw from '@lucide/svelte/icons/refresh-cw'
import Sunrise from '@lucide/svelte/icons/sunrise'
import FileInput from '@lucide/svelte/icons/file-input'
import CalendarDays from '@lucide/svelte/icons/calendar-days'
import Newspaper from '@lucide/svelte/icons/newspaper'
import Handshake from '@lucide/svelte/icons/handshake'
import SyncScreen from './Sync.svelte'
import People from './People.svelte'
import Communities from './Communities.svelte'
import Sources from './Sources.svelte'
import Log from './Log.svelte'
import Topics from './Topics.svelte'
import NetworkScreen from './Network.svelte'
import Settings from './Settings.svelte'
import Trash from './Trash.svelte'
import Import from './Import.svelte'
import Today from './Today.svelte'
import Events from './Events.svelte'
import WhatsNew from './WhatsNew.svelte'
import Spaces from './Spaces.svelte'
import { screenList, type Screen, type ScreenInfo } from '../lib/screens'

export interface ScreenEntry extends ScreenInfo {
  icon: string
  iconComponent: Component<any>
  component: Component<any>
}

const components: Record<Screen, Component<any>> = {
  today: Today,
  people: People,
  communities: Communities,
  sources: Sources,
  events: Events,
  log: Log,
  topics: Topics,
  network: NetworkScreen,
  news: WhatsNew,
  spaces: Spaces,
  sync: SyncScreen,
  settings: Settings,
  trash: Trash,
  import: Import,
}

const icons: Record<string, Component<any>> = {
  sunrise: Sunrise,
  users: Users,
  'users-round': UsersRound,
  'book-open': BookOpen,
  'calendar-days': CalendarDays,
  'notebook-pen': NotebookPen,
  tags: Tags,
  network: NetworkIcon,
  newspaper: Newspaper,
  handshake: Handshake,
  'refresh-cw': RefreshCw,
  settings: SettingsIcon,
  'trash-2': Trash2,
  'file-input': FileInput,
}

export const screens: ScreenEntry[] = screenList.map((s) => ({ ...s, iconComponent: icons[s.icon] ?? Sunrise, component: components[s.screen] }))
