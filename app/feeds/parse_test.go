package feeds

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"learnwork/app/fetch"
)

func readFeed(t *testing.T, name, contentType string) *Feed {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(b, contentType, "https://feeds.example/"+name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

// What a person sees of each kind of feed real publishers write.
func TestParsePublishers(t *testing.T) {
	for _, tc := range []struct {
		file, format, feedTitle string
		ttl                     time.Duration
		posts                   int
		first                   Post // the fields given are checked
		images                  int
		contentHas              []string
	}{
		{file: "wordpress.xml", format: "RSS", feedTitle: "Learning Loop – notes on workplace learning", ttl: time.Hour, posts: 2,
			first: Post{Title: "Working out loud, five years on", Author: "Jane Doe", URL: "https://learningloop.example.org/2026/12/04/working-out-loud-five-years-on/",
				Published: time.Date(2026, 12, 4, 9, 12, 40, 0, time.UTC), Categories: []string{"Reflection", "working out loud"}},
			images:     1,
			contentHas: []string{`href="https://learningloop.example.org/2021/03/01/starting-out/"`, "[image: A whiteboard full of sticky notes]", "[embedded: Working Out Loud]", "What stuck: weekly notes."}},
		{file: "substack.xml", format: "RSS", feedTitle: "The Learning Letter", posts: 2,
			first:  Post{Title: "Spaced practice is not a scheduling trick", Author: "Sam Rivera", Summary: "Why the gap matters more than the calendar."},
			images: 1, contentHas: []string{"Forgetting curves, three schedules"}},
		{file: "medium.xml", format: "RSS", feedTitle: "Stories by Priya Nair on Medium", posts: 1,
			first:  Post{Title: "What instructional designers can learn from game designers", Author: "Priya Nair", Categories: []string{"instructional-design", "game-design", "learning"}},
			images: 1, contentHas: []string{"<strong>tight feedback loops</strong>"}},
		{file: "ghost.xml", format: "RSS", feedTitle: "Field Notes on L&D", ttl: time.Hour, posts: 1,
			first:  Post{Title: "Measuring learning transfer without a survey", Author: "Chris Okafor", Categories: []string{"Evaluation"}},
			images: 1, contentHas: []string{"<em>questions in chat</em>"}},
		{file: "youtube.xml", format: "Atom", feedTitle: "Learning Sciences Explained", posts: 1,
			first: Post{Title: "Cognitive load theory in 8 minutes", URL: "https://www.youtube.com/watch?v=Xq3b9LkT0aE", Author: "Learning Sciences Explained",
				Summary: "Intrinsic, extraneous and germane load, with examples from onboarding videos. Chapters: 0:00 intro"}},
		{file: "mastodon.xml", format: "RSS", feedTitle: "Alex Chen", posts: 2,
			first:      Post{Title: "Tonight's #lrnchat is on feedback that lands. Bring one example of feedback…", Categories: []string{"lrnchat"}},
			contentHas: []string{`href="https://other.example/@sam"`}},
		{file: "podcast.xml", format: "RSS", feedTitle: "Learning at Work", posts: 1,
			first: Post{Title: "87: Mentoring circles with Kofi Mensah", Author: "Dana Whitfield", Audio: "https://media.example.fm/learning-at-work/87-mentoring-circles.mp3",
				Duration: "00:50:13", Published: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC),
				Summary: "Kofi explains how peer mentoring circles work at a 40-person nonprofit & what they would do differently."}},
		{file: "jsonfeed.json", format: "JSON Feed", feedTitle: "Maria's microblog", posts: 1,
			first: Post{Author: "Maria Silva", Categories: []string{"facilitation"}, URL: "https://maria.micro.example/2026/12/06/135501.html"}},
		// Broken XML (a bare &, an undeclared entity, unclosed tags) still
		// gives what can be read.
		{file: "malformed.xml", format: "RSS", feedTitle: "Tom & Jerry's L&D blog", posts: 2,
			first: Post{Title: "Coaching vs mentoring & why it matters", URL: "https://tomjerry.example.net/?p=12&lang=en", Summary: "Unclosed paragraph and a line break"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f := readFeed(t, tc.file, "application/rss+xml")
			if f.Format != tc.format || f.Title != tc.feedTitle || f.TTL != tc.ttl || len(f.Posts) != tc.posts {
				t.Fatalf("feed = %s %q ttl %v with %d posts; want %s %q ttl %v with %d", f.Format, f.Title, f.TTL, len(f.Posts), tc.format, tc.feedTitle, tc.ttl, tc.posts)
			}
			p, w := f.Posts[0], tc.first
			check := func(field, got, want string) {
				if want != "" && got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			check("title", p.Title, w.Title)
			check("author", p.Author, w.Author)
			check("url", p.URL, w.URL)
			check("summary", p.Summary, w.Summary)
			check("audio", p.Audio, w.Audio)
			check("duration", p.Duration, w.Duration)
			if w.Categories != nil && strings.Join(p.Categories, "|") != strings.Join(w.Categories, "|") {
				t.Errorf("categories = %q, want %q", p.Categories, w.Categories)
			}
			if !w.Published.IsZero() && !p.Published.Equal(w.Published) {
				t.Errorf("published = %v, want %v", p.Published, w.Published)
			}
			if len(p.Key) != keyLen {
				t.Errorf("key %q", p.Key)
			}
			if len(p.Images) != tc.images {
				t.Errorf("images = %q, want %d", p.Images, tc.images)
			}
			for _, s := range tc.contentHas {
				if !strings.Contains(p.Content, s) {
					t.Errorf("content lacks %q:\n%s", s, p.Content)
				}
			}
			for _, post := range f.Posts {
				for _, bad := range []string{"<script", "<iframe", "<img", "onclick", "style=", "trackRead", "<picture", "<source"} {
					if strings.Contains(post.Content, bad) {
						t.Errorf("%q kept %s:\n%s", post.Title, bad, post.Content)
					}
				}
			}
		})
	}
}

func TestParseRefusesWebPages(t *testing.T) {
	page := []byte(`<!doctype html><html><head><title>Learning Loop</title></head><body><p>Hello</p></body></html>`)
	_, err := Parse(page, "application/rss+xml", "https://learningloop.example.org/")
	if !errors.Is(err, fetch.ErrNotAFeed) {
		t.Fatalf("a web page served as RSS: %v, want ErrNotAFeed", err)
	}
	// A feed served as a web page (a common server mistake) reads fine.
	f := readFeed(t, "ghost.xml", "text/html; charset=utf-8")
	if len(f.Posts) != 1 {
		t.Errorf("a feed served as text/html gave %d posts", len(f.Posts))
	}
}

// A post keeps its key when fetched again, whatever the feed's address:
// that key is what read marks on another device refer to.
func TestItemKeysAreStable(t *testing.T) {
	b, _ := os.ReadFile("testdata/wordpress.xml")
	a, _ := Parse(b, "", "https://learningloop.example.org/feed/")
	c, _ := Parse(b, "", "http://mirror.example/feed")
	for i := range a.Posts {
		if a.Posts[i].Key != c.Posts[i].Key {
			t.Errorf("post %d: key %s, then %s", i, a.Posts[i].Key, c.Posts[i].Key)
		}
	}
	if a.Posts[0].Key == a.Posts[1].Key {
		t.Error("two posts share a key")
	}
	if ItemKey("", "https://x.example/p", "T", time.Time{}) != ItemKey("", "https://x.example/p", "Other title", time.Time{}) {
		t.Error("a post without a GUID is not keyed by its link")
	}
	if FeedKey("https://learningloop.example.org/feed/#x") != FeedKey("HTTPS://learningloop.example.org/feed/") {
		t.Error("one feed address written two ways has two keys")
	}
}

func TestSanitize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<p>Hi <script>alert(1)</script><b onmouseover="x()">there</b></p>`, `<p>Hi <b>there</b></p>`},
		{`<a href="javascript:alert(1)">x</a>`, `x`},
		{`<p>1 < 2 & so on</p>`, `<p>1 &lt; 2 &amp; so on</p>`},
		{`plain text & more`, `plain text &amp; more`},
		{`<img src="/a.png" width="1" height="1"><p>after the pixel</p>`, `<p>after the pixel</p>`},
		{`<style>p{color:red}</style><p style="x">styled</p>`, `<p>styled</p>`},
		{`<form action="/x"><input name="q"></form><p>ok</p>`, `<p>ok</p>`},
	} {
		got, _ := Sanitize(tc.in, nil)
		if got != tc.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
