// Files dropped on the window (or chosen from File > Import) wait here
// for the Import screen, which previews them.
export const pending = $state({ paths: [] as string[] })

export function offer(paths: string[]) {
  // Network exports are told apart by their content, in Go.
  pending.paths = paths.filter((p) => /\.(vcf|vcard|ics|ical|ifb|csv|opml|xml|js|txt)$/i.test(p))
}

export const basename = (p: string) => p.split(/[\\/]/).pop() ?? p
