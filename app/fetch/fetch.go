// Package fetch gets feeds and calendars over HTTP the way a good neighbour
// does: it asks only for what changed (ETag, Last-Modified), sends one
// request at a time to a site with a pause between them, waits as long as a
// busy site asks, gives up on slow or oversized answers, and says in words
// why a fetch failed. It knows nothing about what it fetches.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	stdsync "sync"
	"time"
)

// Defaults for Options left zero.
const (
	DefaultTimeout     = 30 * time.Second
	DefaultMinInterval = time.Second
	DefaultMaxBytes    = 10 << 20
	maxRedirects       = 10
	// maxRetryAfter bounds how long a site may ask to be left alone: past
	// a week the answer is more likely a mistake than a wish.
	maxRetryAfter = 7 * 24 * time.Hour
)

// Options tune a Fetcher; zero values take the defaults.
type Options struct {
	Timeout     time.Duration // one request, redirects and body included
	MinInterval time.Duration // between two requests to one site
	MaxBytes    int64         // the largest answer read
	UserAgent   string
	// Transport replaces the HTTP transport (tests); the default one uses
	// the system's proxy settings (systemProxy).
	Transport http.RoundTripper
	Now       func() time.Time
}

// Fetcher gets documents by HTTP. It is safe for concurrent use: requests
// to different sites run in parallel, requests to one site one at a time.
type Fetcher struct {
	client      *http.Client
	minInterval time.Duration
	maxBytes    int64
	userAgent   string
	now         func() time.Time

	mu    stdsync.Mutex
	hosts map[string]*site
}

// site is what the fetcher remembers of one host (with its port).
type site struct {
	slot      chan struct{} // holds one request at a time
	last      time.Time     // when the last request ended
	notBefore time.Time     // the site asked us to wait until then
}

// New makes a Fetcher.
func New(o Options) *Fetcher {
	f := &Fetcher{minInterval: o.MinInterval, maxBytes: o.MaxBytes, userAgent: o.UserAgent, now: o.Now, hosts: map[string]*site{}}
	if f.minInterval == 0 {
		f.minInterval = DefaultMinInterval
	}
	if f.maxBytes == 0 {
		f.maxBytes = DefaultMaxBytes
	}
	if f.userAgent == "" {
		f.userAgent = "Learnwork/1 (personal learning network; feed reader)"
	}
	if f.now == nil {
		f.now = time.Now
	}
	timeout := o.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	tr := o.Transport
	if tr == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 1 // one request at a time per site anyway
		t.ResponseHeaderTimeout = timeout
		tr = newSystemProxy().transport(t)
	}
	f.client = &http.Client{Transport: tr, Timeout: timeout, CheckRedirect: checkRedirect}
	return f
}

var (
	errRedirectLoop   = errors.New("redirect loop")
	errTooManyHops    = errors.New("too many redirects")
	errRedirectScheme = errors.New("redirect to an address that is not http or https")
)

func checkRedirect(req *http.Request, via []*http.Request) error {
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return errRedirectScheme
	}
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return errRedirectLoop
		}
	}
	if len(via) >= maxRedirects {
		return errTooManyHops
	}
	return nil
}

// Request is one conditional GET: ETag and LastModified are what the last
// answer said, so an unchanged document costs a 304 and no body.
type Request struct {
	URL          string
	ETag         string
	LastModified string
	Accept       string // the Accept header; empty means anything
}

// Response is a successful answer.
type Response struct {
	URL          string // after redirects
	NotModified  bool   // 304: nothing changed since ETag/LastModified
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
}

// Get fetches a document. Failures are *Error, except a cancelled ctx,
// which returns ctx's error.
func (f *Fetcher) Get(ctx context.Context, req Request) (*Response, error) {
	u, err := Normalize(req.URL)
	if err != nil {
		return nil, err
	}
	s := f.site(u.Host)
	select {
	case s.slot <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() {
		s.last = f.now()
		<-s.slot
	}()
	now := f.now()
	if now.Before(s.notBefore) {
		return nil, &Error{Reason: Busy, URL: u.String(), RetryAt: s.notBefore}
	}
	if wait := s.last.Add(f.minInterval).Sub(now); wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		}
	}
	resp, err := f.do(ctx, u, req)
	var fe *Error
	if errors.As(err, &fe) && fe.Reason == Busy && !fe.RetryAt.IsZero() {
		s.notBefore = fe.RetryAt
	}
	return resp, err
}

func (f *Fetcher) site(host string) *site {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.hosts[host]
	if s == nil {
		s = &site{slot: make(chan struct{}, 1)}
		f.hosts[host] = s
	}
	return s
}

func (f *Fetcher) do(ctx context.Context, u *url.URL, req Request) (*Response, error) {
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{Reason: Unsupported, URL: u.String(), Err: err}
	}
	hreq.Header.Set("User-Agent", f.userAgent)
	if req.Accept != "" {
		hreq.Header.Set("Accept", req.Accept)
	}
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}
	resp, err := f.client.Do(hreq)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, classify(u.String(), err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return &Response{URL: final, NotModified: true, ETag: or(resp.Header.Get("ETag"), req.ETag), LastModified: or(resp.Header.Get("Last-Modified"), req.LastModified)}, nil
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
	default:
		return nil, statusError(final, resp, f.now())
	}
	if resp.ContentLength > f.maxBytes {
		return nil, &Error{Reason: TooBig, URL: final, Limit: f.maxBytes}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, classify(final, err)
	}
	if int64(len(body)) > f.maxBytes {
		return nil, &Error{Reason: TooBig, URL: final, Limit: f.maxBytes}
	}
	return &Response{URL: final, Body: body, ContentType: resp.Header.Get("Content-Type"), ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}, nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func statusError(u string, resp *http.Response, now time.Time) *Error {
	e := &Error{URL: u, Status: resp.StatusCode}
	switch c := resp.StatusCode; {
	case c == http.StatusNotFound || c == http.StatusGone:
		e.Reason = NotFound
	case c == http.StatusUnauthorized || c == http.StatusForbidden:
		e.Reason = Denied
	case c == http.StatusTooManyRequests || c == http.StatusServiceUnavailable:
		e.Reason, e.RetryAt = Busy, RetryAfter(resp.Header.Get("Retry-After"), now)
	case c >= 500:
		e.Reason = ServerError
	default:
		e.Reason = Refused
	}
	return e
}

// RetryAfter reads a Retry-After header (seconds or an HTTP date) as a
// time; zero when it is missing, already past, or further off than a week.
func RetryAfter(h string, now time.Time) time.Time {
	h = strings.TrimSpace(h)
	if h == "" {
		return time.Time{}
	}
	var t time.Time
	if secs, err := strconv.ParseInt(h, 10, 64); err == nil {
		if secs <= 0 || time.Duration(secs) > maxRetryAfter/time.Second {
			return time.Time{}
		}
		t = now.Add(time.Duration(secs) * time.Second)
	} else if d, err := http.ParseTime(h); err == nil {
		t = d
	} else {
		return time.Time{}
	}
	if !t.After(now) || t.Sub(now) > maxRetryAfter {
		return time.Time{}
	}
	return t
}

// Normalize reads an address to fetch: http and https as they are, webcal
// and feed as https (calendar and feed links); anything else is refused.
func Normalize(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if rest, ok := strings.CutPrefix(raw, "feed:"); ok && strings.HasPrefix(rest, "http") {
		raw = rest // feed:https://example.org/rss
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, &Error{Reason: Unsupported, URL: raw, Err: fmt.Errorf("%q is not a web address", raw)}
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		u.Scheme = strings.ToLower(u.Scheme)
	case "webcal", "webcals", "feed":
		u.Scheme = "https"
	default:
		return nil, &Error{Reason: Unsupported, URL: raw, Err: fmt.Errorf("%q is not an http or https address", raw)}
	}
	u.Fragment = ""
	return u, nil
}
