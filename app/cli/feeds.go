package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"learnwork/app"
	"learnwork/app/feeds"
	"learnwork/app/subscriptions"
)

// The feed commands: refresh what the network publishes, read it, and
// follow feeds and calendars.

func refreshFlags(fs *flag.FlagSet) { fs.Bool("due", false, "only those whose time has come") }

func newsFlags(fs *flag.FlagSet) {
	fs.Bool("unread", false, "only posts not read yet")
	fs.String("topic", "", "only posts from sources on this topic")
	fs.String("person", "", "only posts from sources this person writes (an ID)")
	fs.Int("limit", 50, "at most this many")
}

func subscribeFlags(fs *flag.FlagSet) {
	fs.String("name", "", "a calendar's name (default: its web address)")
	fs.String("person", "", "a feed's author (a person ID)")
}

func runUnsubscribe(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("unsubscribe needs one web address or ID")
	}
	name, err := e.App.Feeds.Unsubscribe(e.Args[0])
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, map[string]string{"name": name})
	}
	_, err = fmt.Fprintf(e.Stdout, "No longer following %s.\n", name)
	return err
}

func runRefresh(e *Env) error {
	var progress func(done, total int)
	if !e.JSON && isTerminal(e.Stderr) {
		bar := &progressBar{w: e.Stderr, show: func(done, total int64) string { return fmt.Sprintf("%d of %d", done, total) }}
		progress = func(done, total int) { bar.update(int64(done), int64(total)) }
		defer bar.done()
	}
	r, err := app.RefreshFeeds(e.App.Feeds, boolFlag(e, "due"), progress)
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, r)
	}
	if len(r.Feeds)+len(r.Calendars) == 0 {
		_, err := fmt.Fprintln(e.Stdout, "Nothing to fetch: no source has a feed and no calendar is subscribed to (learnwork subscribe URL).")
		return err
	}
	fmt.Fprintf(e.Stdout, "%s and %s: %s, %s.\n", plural(len(r.Feeds), "feed", "feeds"), plural(len(r.Calendars), "calendar", "calendars"),
		plural(r.New, "new post", "new posts"), plural(r.Changed, "event changed", "events changed"))
	if r.Problems == 0 {
		return nil
	}
	fmt.Fprintln(e.Stdout, "Problems:")
	for _, f := range r.Feeds {
		if f.Problem != "" {
			fmt.Fprintf(e.Stdout, "  %s: %s\n", f.Name, f.Problem)
		}
	}
	for _, c := range r.Calendars {
		if c.Problem != "" {
			fmt.Fprintf(e.Stdout, "  %s: %s\n", c.Name, c.Problem)
		}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// when is a time as the lists show it: "today 13:02", "yesterday 09:10",
// "Thu 3 Dec 13:02" (this year) or "3 Dec 2025".
func when(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	t = t.In(now.Location())
	y, m, d := t.Date()
	ny, nm, nd := now.Date()
	switch {
	case y == ny && m == nm && d == nd:
		return "today " + t.Format("15:04")
	case now.AddDate(0, 0, -1).Format(time.DateOnly) == t.Format(time.DateOnly):
		return "yesterday " + t.Format("15:04")
	case now.AddDate(0, 0, 1).Format(time.DateOnly) == t.Format(time.DateOnly):
		return "tomorrow " + t.Format("15:04")
	case y == ny:
		return t.Format("Mon 2 Jan 15:04")
	}
	return t.Format("2 Jan 2006")
}

func runFeeds(e *Env) error {
	fs := e.App.Feeds
	list, err := fs.FeedStatuses()
	if err != nil {
		return err
	}
	cals, err := fs.Subscriptions()
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, struct {
			Feeds     []feeds.FeedStatus     `json:"feeds"`
			Calendars []subscriptions.Status `json:"calendars"`
		}{list, cals})
	}
	now := time.Now()
	next := func(t time.Time) string {
		if !t.After(now) {
			return "at the next refresh"
		}
		return when(t, now)
	}
	err = listing[feeds.FeedStatus]{
		empty: "No source has a feed yet: learnwork subscribe URL follows a site, a profile or a feed.",
		head:  "FEED\tLAST FETCH\tNEXT\tUNREAD\t",
		row: func(w io.Writer, f feeds.FeedStatus) {
			note := f.Problem
			if note == "" {
				note = f.Quiet
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\n", f.Name, when(f.LastFetch, now), next(f.Next), f.Unread, note)
		},
	}.text(e.Stdout, list)
	if err != nil || len(cals) == 0 {
		return err
	}
	fmt.Fprintln(e.Stdout)
	return listing[subscriptions.Status]{
		head: "CALENDAR\tLAST FETCH\tNEXT\tEVENTS\t",
		row: func(w io.Writer, c subscriptions.Status) {
			fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\n", c.Name, when(c.LastFetch, now), next(c.Next), c.Events, c.Problem)
		},
	}.text(e.Stdout, cals)
}

func runNews(e *Env) error {
	q := feeds.NewsQuery{Unread: boolFlag(e, "unread"), Topic: stringFlag(e, "topic"), Person: stringFlag(e, "person"), Limit: intFlag(e, "limit")}
	n, err := e.App.Feeds.News(q)
	if err != nil {
		return err
	}
	empty := "Nothing new. learnwork refresh fetches your sources' feeds."
	if q.Unread || q.Topic != "" || q.Person != "" {
		empty = "Nothing here: no post matches."
	}
	l := listing[feeds.NewsItem]{
		json:  n,
		empty: empty,
		plain: true,
		row: func(w io.Writer, it feeds.NewsItem) {
			mark := " "
			if !it.Read {
				mark = "•"
			}
			fmt.Fprintf(w, "%s %s  %s: %s\n", mark, it.Published.Local().Format("Mon 2 Jan"), it.SourceName, it.Title)
			if it.URL != "" {
				fmt.Fprintf(w, "    %s\n", it.URL)
			}
		},
	}
	if n.Matches > len(n.Items) {
		l.foot = fmt.Sprintf("…and %d more (--limit shows more)", n.Matches-len(n.Items))
	}
	return l.print(e, n.Items)
}

func runSubscribe(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("subscribe needs one web address")
	}
	r, err := e.App.Feeds.Subscribe(e.Args[0], stringFlag(e, "name"), stringFlag(e, "person"))
	if errors.Is(err, feeds.ErrNoFeed) {
		return fmt.Errorf("%s: %w", e.Args[0], err)
	}
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, r)
	}
	switch {
	case r.Calendar != nil:
		c := r.Calendar
		if c.Problem != "" {
			_, err = fmt.Fprintf(e.Stdout, "Subscribed to %s, but the first fetch failed: %s. Learnwork tries again %s.\n", c.Name, c.Problem, when(c.Next, time.Now()))
		} else {
			_, err = fmt.Fprintf(e.Stdout, "Subscribed to %s: %s, %s.\n", c.Name, plural(c.Created, "event added", "events added"), plural(c.Updated, "updated", "updated"))
		}
	case r.Feed != nil:
		_, err = fmt.Fprintf(e.Stdout, "Following %s (%s, %s). learnwork news shows what's new.\n", or(r.Feed.Title, r.Feed.URL), r.Feed.Format, plural(r.Feed.Posts, "post", "posts"))
	default:
		fmt.Fprintln(e.Stdout, "This address offers several feeds; subscribe to the one you want:")
		for _, c := range r.Candidates {
			fmt.Fprintf(e.Stdout, "  learnwork subscribe %s   %s (%s)\n", c.URL, or(c.Title, c.Format), c.Via)
		}
	}
	return err
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
