package network

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/text/encoding/htmlindex"

	"learnwork/store"
)

// OPML reads the subscription lists feed readers export (OPML 1.0 and
// 2.0): each outline with an xmlUrl is a source with its feed and site
// (htmlUrl); the folders it sits in and its category attribute
// ("/Learning/Design,Podcasts") are its topics.
type OPML struct{}

func (OPML) Name() string { return "OPML subscriptions" }

func (OPML) Sniff(head []byte) bool {
	h := bytes.ToLower(head)
	i := bytes.Index(h, []byte("<opml"))
	return i >= 0 && (i+5 == len(h) || strings.IndexByte(" \t\r\n>", h[i+5]) >= 0)
}

func (OPML) Parse(r io.Reader, emit func(Entry) error) error {
	dec := xml.NewDecoder(bufio.NewReader(r))
	dec.Strict = false // readers write bare & and HTML entities in titles
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		enc, err := htmlindex.Get(label)
		if err != nil {
			return nil, fmt.Errorf("the file is written in %q, which Learnwork cannot read", label)
		}
		return enc.NewDecoder().Reader(r), nil
	}
	var folders []string // the folder of each open outline ("" for a feed)
	inBody, sawOPML := false, false
	for {
		line, _ := dec.InputPos()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			if !sawOPML {
				return ErrNotFormat
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("line %d: the file is cut or damaged here (%v)", line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch strings.ToLower(t.Name.Local) {
			case "opml":
				sawOPML = true
			case "body":
				inBody = true
			case "outline":
				if !inBody {
					continue
				}
				e, folder := opmlOutline(t, folders)
				folders = append(folders, folder)
				if e == nil {
					continue
				}
				e.Line = line
				if err := emit(*e); err != nil {
					return err
				}
			}
		case xml.EndElement:
			switch strings.ToLower(t.Name.Local) {
			case "body":
				inBody = false
			case "outline":
				if len(folders) > 0 {
					folders = folders[:len(folders)-1]
				}
			}
		}
	}
}

// opmlOutline reads one outline: a feed (its entry), or a folder (its
// name, for the topics of what it holds).
func opmlOutline(t xml.StartElement, folders []string) (*Entry, string) {
	attr := map[string]string{}
	for _, a := range t.Attr {
		attr[strings.ToLower(a.Name.Local)] = strings.TrimSpace(a.Value)
	}
	name := firstNonEmpty(attr["title"], attr["text"])
	feed := attr["xmlurl"]
	if feed == "" {
		if attr["htmlurl"] != "" || attr["url"] != "" {
			// A link outline (OPML 2.0 type="link"): a site without a feed.
			s := &store.Source{Name: firstNonEmpty(name, attr["htmlurl"], attr["url"]), URL: firstNonEmpty(attr["htmlurl"], attr["url"]), Type: "website"}
			s.Kind = store.KindSource
			s.Topics = opmlTopics(folders, attr["category"])
			return &Entry{Source: s}, ""
		}
		return nil, name // a folder
	}
	s := &store.Source{Name: firstNonEmpty(name, feed), Feed: feed, URL: attr["htmlurl"], Type: "feed"}
	s.Kind = store.KindSource
	if strings.EqualFold(attr["type"], "podcast") {
		s.Type = "podcast"
	}
	s.Notes = attr["description"]
	s.Topics = opmlTopics(folders, attr["category"])
	return &Entry{Source: s}, ""
}

// opmlTopics are the folders around an outline and its categories: each
// category is a path ("/Learning/Design"), whose last part is the topic.
func opmlTopics(folders []string, category string) []string {
	var out []string
	add := func(t string) {
		if t = strings.TrimSpace(t); t != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, t) }) {
			out = append(out, t)
		}
	}
	for _, f := range folders {
		add(f)
	}
	for _, c := range strings.Split(category, ",") {
		parts := strings.FieldsFunc(c, func(r rune) bool { return r == '/' })
		if len(parts) > 0 {
			add(parts[len(parts)-1])
		}
	}
	return out
}

// ExportOPML writes sources with a feed as OPML 2.0, which Miniflux,
// NetNewsWire, Feedbin and other readers import: a folder per topic (a
// source under its first topic; every topic in its category attribute),
// sources without a topic at the top (topics by name, as store views give
// them). It returns how many sources it wrote.
func ExportOPML(w io.Writer, title string, sources []*store.Source) (int, error) {
	type outline struct {
		XMLName  xml.Name   `xml:"outline"`
		Text     string     `xml:"text,attr"`
		Title    string     `xml:"title,attr,omitempty"`
		Type     string     `xml:"type,attr,omitempty"`
		XMLURL   string     `xml:"xmlUrl,attr,omitempty"`
		HTMLURL  string     `xml:"htmlUrl,attr,omitempty"`
		Category string     `xml:"category,attr,omitempty"`
		Children []*outline `xml:"outline"`
	}
	var top []*outline
	folders := map[string]*outline{}
	n := 0
	for _, s := range sources {
		if strings.TrimSpace(s.Feed) == "" {
			continue // a reader can do nothing with a source without a feed
		}
		var topics []string
		for _, t := range s.Topics {
			if t = strings.TrimSpace(t); t != "" {
				topics = append(topics, t)
			}
		}
		o := &outline{Text: s.Name, Title: s.Name, Type: "rss", XMLURL: s.Feed, HTMLURL: s.URL}
		if len(topics) > 0 {
			cats := make([]string, len(topics))
			for i, t := range topics {
				cats[i] = "/" + strings.ReplaceAll(t, "/", "-")
			}
			o.Category = strings.Join(cats, ",")
			f := folders[topics[0]]
			if f == nil {
				f = &outline{Text: topics[0], Title: topics[0]}
				folders[topics[0]] = f
				top = append(top, f)
			}
			f.Children = append(f.Children, o)
		} else {
			top = append(top, o)
		}
		n++
	}
	doc := struct {
		XMLName xml.Name `xml:"opml"`
		Version string   `xml:"version,attr"`
		Head    struct {
			Title string `xml:"title"`
		} `xml:"head"`
		Body struct {
			Outlines []*outline `xml:"outline"`
		} `xml:"body"`
	}{Version: "2.0"}
	doc.Head.Title = title
	doc.Body.Outlines = top
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return 0, err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return 0, err
	}
	_, err := io.WriteString(w, "\n")
	return n, err
}
