// Files dropped on the window (or chosen from File > Import) wait here
// for the Import screen, which previews them.
import { chooseFiles } from './api'

export const pending = $state({ paths: [] as string[] })

export function offer(paths: string[]) {
  // Network exports are told apart by their content, in Go.
  pending.paths = paths.filter((p) => /\.(vcf|vcard|ics|ical|ifb|csv|opml|xml|js|txt)$/i.test(p))
}

/** The file chooser, its choice offered to the Import screen: one click from
 *  *Choose files…* or a step of the guide to a preview. */
export async function chooseToImport(title = 'Import contacts, calendars or network exports'): Promise<void> {
  // Chosen by hand, every file goes to the preview, which says what it cannot read.
  const ps = await chooseFiles(title)
  if (ps.length > 0) pending.paths = ps
}

export const basename = (p: string) => p.split(/[\\/]/).pop() ?? p
