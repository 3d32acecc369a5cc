package feeds

import (
	"html"
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/microcosm-cc/bluemonday"
	nethtml "golang.org/x/net/html"
)

// postPolicy is what a post may keep: text structure and links, nothing
// that runs, loads or styles. Images are not in it: Sanitize turns them
// into links first, so nothing is fetched until the person opens a post
// and asks for its images.
var postPolicy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "hr", "b", "strong", "i", "em", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
		"blockquote", "q", "cite", "code", "pre", "kbd", "abbr", "h1", "h2", "h3", "h4", "h5", "h6",
		"figure", "figcaption", "span", "div", "section", "article", "details", "summary")
	p.AllowLists()
	p.AllowTables()
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^lw-image$`)).OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}()

var textPolicy = bluemonday.StrictPolicy()

// isPixel is a tracking image (Medium, newsletters): 1×1 or so.
func isPixel(img *goquery.Selection) bool {
	w, h := img.AttrOr("width", ""), img.AttrOr("height", "")
	return (w == "0" || w == "1") && (h == "0" || h == "1")
}

// Sanitize makes a post's HTML safe to show: links made absolute against
// base, each image replaced by a link to it (returned in images, in
// order), then everything but text structure and links removed.
func Sanitize(s string, base *url.URL) (content string, images []string) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	if !strings.ContainsAny(s, "<&") {
		return "<p>" + html.EscapeString(strings.TrimSpace(s)) + "</p>", nil
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		return textPolicy.Sanitize(s), nil
	}
	seen := map[string]bool{}
	doc.Find("img").Each(func(_ int, img *goquery.Selection) {
		src := or(img.AttrOr("src", ""), img.AttrOr("data-src", ""))
		if src == "" || strings.HasPrefix(src, "data:") || isPixel(img) {
			img.Remove()
			return
		}
		src = resolve(base, src)
		if !seen[src] {
			seen[src] = true
			images = append(images, src)
		}
		alt := strings.TrimSpace(img.AttrOr("alt", ""))
		label := "image"
		if alt != "" {
			label = "image: " + alt
		}
		if img.Closest("a").Length() > 0 {
			img.ReplaceWithHtml("[" + html.EscapeString(label) + "]") // already inside a link
			return
		}
		img.ReplaceWithHtml(`<a class="lw-image" href="` + html.EscapeString(src) + `">[` + html.EscapeString(label) + `]</a>`)
	})
	// Embedded players (YouTube, Vimeo) become a link to what they play.
	doc.Find("iframe[src]").Each(func(_ int, f *goquery.Selection) {
		src := resolve(base, f.AttrOr("src", ""))
		if !strings.HasPrefix(src, "http") {
			f.Remove()
			return
		}
		label := "embedded"
		if t := strings.TrimSpace(f.AttrOr("title", "")); t != "" {
			label += ": " + t
		}
		f.ReplaceWithHtml(`<a href="` + html.EscapeString(src) + `">[` + html.EscapeString(label) + `]</a>`)
	})
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		a.SetAttr("href", resolve(base, a.AttrOr("href", "")))
	})
	body, err := doc.Find("body").Html()
	if err != nil {
		return textPolicy.Sanitize(s), images
	}
	return strings.TrimSpace(postPolicy.Sanitize(body)), images
}

// Summary is HTML (or text) as plain text on one line, cut to a few lines.
func Summary(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = plainText(s)
	}
	return truncate(strings.Join(strings.Fields(s), " "), summaryRunes)
}

// blocks end a run of text: a space goes between them, not between
// inline elements ("#<span>lrnchat</span>" stays "#lrnchat").
var blocks = map[string]bool{"p": true, "br": true, "div": true, "li": true, "ul": true, "ol": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "blockquote": true, "pre": true, "tr": true, "td": true, "th": true, "figure": true, "figcaption": true,
	"section": true, "article": true, "hr": true, "dt": true, "dd": true}

// plainText is the text of HTML without what never shows (scripts,
// styles), with spaces where blocks break.
func plainText(s string) string {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		return html.UnescapeString(textPolicy.Sanitize(s))
	}
	var b strings.Builder
	var walk func(n *nethtml.Node)
	walk = func(n *nethtml.Node) {
		switch n.Type {
		case nethtml.TextNode:
			b.WriteString(n.Data)
			return
		case nethtml.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "iframe", "img":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == nethtml.ElementNode && blocks[n.Data] {
			b.WriteByte(' ')
		}
	}
	for _, n := range doc.Nodes {
		walk(n)
	}
	return b.String()
}
