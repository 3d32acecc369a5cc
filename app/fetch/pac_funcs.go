package fetch

import (
	"context"
	"net"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// define gives a PAC script the functions every browser gives it, as
// Netscape named them: IPv4 only, names resolved within the run's time,
// dates and times in the machine's time zone unless the last argument is
// "GMT". alert, which scripts call to debug, does nothing.
func (p *pac) define(vm *goja.Runtime) error {
	dates := func(f func(now time.Time, args []any) bool) func(goja.FunctionCall) goja.Value {
		return func(c goja.FunctionCall) goja.Value {
			args := make([]any, len(c.Arguments))
			for i, a := range c.Arguments {
				args[i] = a.Export()
			}
			return vm.ToValue(f(p.now(), args))
		}
	}
	for name, f := range map[string]any{
		"isPlainHostName":     isPlainHostName,
		"dnsDomainIs":         strings.HasSuffix,
		"localHostOrDomainIs": localHostOrDomainIs,
		"isResolvable":        func(host string) bool { return p.resolve(host) != nil },
		"isInNet": func(host, pattern, mask string) bool {
			ip := p.resolve(host)
			return ip != nil && inNet(ip, pattern, mask)
		},
		"dnsResolve": func(host string) goja.Value {
			if ip := p.resolve(host); ip != nil {
				return vm.ToValue(ip.String())
			}
			return goja.Null()
		},
		"myIpAddress":     func() string { return p.myIP().String() },
		"dnsDomainLevels": func(host string) int { return strings.Count(host, ".") },
		"shExpMatch":      shExpMatch,
		"convertAddr":     convertAddr,
		"weekdayRange":    dates(weekdayRange),
		"dateRange":       dates(dateRange),
		"timeRange":       dates(timeRange),
		"alert":           func(goja.FunctionCall) goja.Value { return goja.Undefined() },
	} {
		if err := vm.Set(name, f); err != nil {
			return err
		}
	}
	return nil
}

// resolve is host's IPv4 address (host itself when it is one); nil when
// it has none by the run's deadline.
func (p *pac) resolve(host string) net.IP {
	if ip := net.ParseIP(host); ip != nil {
		return ip.To4()
	}
	ctx, cancel := context.WithDeadline(context.Background(), p.deadline)
	defer cancel()
	ips, err := p.lookup(ctx, host)
	if err != nil {
		return nil
	}
	for _, ip := range ips {
		if v4 := ip.To4(); v4 != nil {
			return v4
		}
	}
	return nil
}

// myIPAddress is this machine's address on its network: the first IPv4
// address of an interface that is up, not loopback nor link-local.
func myIPAddress() net.IP {
	ifaces, _ := net.Interfaces()
	for _, iface := range ifaces {
		if iface.Flags&net.FlagUp == 0 || iface.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := iface.Addrs()
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				if ip := n.IP.To4(); ip != nil && !ip.IsLinkLocalUnicast() {
					return ip
				}
			}
		}
	}
	return net.IPv4(127, 0, 0, 1)
}

func isPlainHostName(host string) bool {
	return !strings.Contains(host, ".") && !strings.Contains(host, ":")
}

func localHostOrDomainIs(host, hostdom string) bool {
	return host == hostdom || strings.HasPrefix(hostdom, host+".")
}

func inNet(ip net.IP, pattern, mask string) bool {
	pat, m := net.ParseIP(pattern).To4(), net.ParseIP(mask).To4()
	if pat == nil || m == nil || ip.To4() == nil {
		return false
	}
	return ip.To4().Mask(net.IPMask(m)).Equal(pat.Mask(net.IPMask(m)))
}

// convertAddr is a dotted IPv4 address as one number (0 when it is not
// one).
func convertAddr(addr string) uint32 {
	ip := net.ParseIP(addr).To4()
	if ip == nil {
		return 0
	}
	return uint32(ip[0])<<24 | uint32(ip[1])<<16 | uint32(ip[2])<<8 | uint32(ip[3])
}

// shExpMatch matches s against a shell pattern where * is any run of
// characters and ? any one.
func shExpMatch(s, pattern string) bool {
	// The classic greedy match: on a mismatch, let the last * take one
	// character more.
	si, pi, star, mark := 0, 0, -1, 0
	for si < len(s) {
		switch {
		case pi < len(pattern) && (pattern[pi] == '?' || pattern[pi] == s[si]):
			si++
			pi++
		case pi < len(pattern) && pattern[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			mark++
			si, pi = mark, star+1
		default:
			return false
		}
	}
	for pi < len(pattern) && pattern[pi] == '*' {
		pi++
	}
	return pi == len(pattern)
}

// gmt drops a final "GMT" from args and then reads now in UTC.
func gmt(now time.Time, args []any) (time.Time, []any) {
	if n := len(args); n > 0 {
		if s, ok := args[n-1].(string); ok && strings.EqualFold(s, "GMT") {
			return now.UTC(), args[:n-1]
		}
	}
	return now, args
}

// within is lo <= v <= hi, wrapping past the end when lo > hi
// (weekdayRange("FRI", "MON"), timeRange(22, 6)).
func within(lo, hi, v int) bool {
	if lo <= hi {
		return lo <= v && v <= hi
	}
	return v >= lo || v <= hi
}

var weekdays = map[string]int{"SUN": 0, "MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6}

var months = map[string]int{"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12}

// weekdayRange(wd1[, wd2][, "GMT"]).
func weekdayRange(now time.Time, args []any) bool {
	now, args = gmt(now, args)
	if len(args) < 1 || len(args) > 2 {
		return false
	}
	day := func(a any) int {
		s, _ := a.(string)
		if d, ok := weekdays[strings.ToUpper(s)]; ok {
			return d
		}
		return -1
	}
	lo, hi := day(args[0]), day(args[len(args)-1])
	return lo >= 0 && hi >= 0 && within(lo, hi, int(now.Weekday()))
}

// dateRange takes a day (1-31), a month ("JAN") or a year (four digits),
// one of them alone or a range of them: (day), (day1, day2), (month1,
// month2), (day1, month1, day2, month2), (month1, year1, month2, year2),
// (day1, month1, year1, day2, month2, year2); then maybe "GMT".
func dateRange(now time.Time, args []any) bool {
	now, args = gmt(now, args)
	var from, to []any
	switch len(args) {
	case 1:
		from, to = args, args
	case 2, 4, 6:
		from, to = args[:len(args)/2], args[len(args)/2:]
	default:
		return false
	}
	// A date as a number year·10⁴ + month·10² + day over the fields given;
	// fields not given count as 0 on both sides and in now.
	key := func(fields []any) (k int, kinds string, ok bool) {
		var y, m, d int
		for _, f := range fields {
			switch v := number(f); {
			case v > 31:
				y, kinds = v, kinds+"y"
			case v >= 1:
				d, kinds = v, kinds+"d"
			default:
				s, _ := f.(string)
				mo, known := months[strings.ToUpper(s)]
				if !known {
					return 0, "", false
				}
				m, kinds = mo, kinds+"m"
			}
		}
		return y*10000 + m*100 + d, kinds, true
	}
	lo, kinds, ok1 := key(from)
	hi, kinds2, ok2 := key(to)
	if !ok1 || !ok2 || kinds != kinds2 {
		return false
	}
	var cur int
	if strings.Contains(kinds, "y") {
		cur += now.Year() * 10000
	}
	if strings.Contains(kinds, "m") {
		cur += int(now.Month()) * 100
	}
	if strings.Contains(kinds, "d") {
		cur += now.Day()
	}
	return within(lo, hi, cur)
}

// timeRange(hour), (hour1, hour2), (hour1, min1, hour2, min2) or (hour1,
// min1, sec1, hour2, min2, sec2), then maybe "GMT"; an end is taken
// inclusively: timeRange(9, 17) holds until 17:59:59.
func timeRange(now time.Time, args []any) bool {
	now, args = gmt(now, args)
	n := make([]int, len(args))
	for i, a := range args {
		if n[i] = number(a); n[i] < 0 {
			return false
		}
	}
	cur := now.Hour()*3600 + now.Minute()*60 + now.Second()
	switch len(n) {
	case 1:
		return now.Hour() == n[0]
	case 2:
		return within(n[0]*3600, n[1]*3600+3599, cur)
	case 4:
		return within(n[0]*3600+n[1]*60, n[2]*3600+n[3]*60+59, cur)
	case 6:
		return within(n[0]*3600+n[1]*60+n[2], n[3]*3600+n[4]*60+n[5], cur)
	}
	return false
}

// number is a script's numeric argument as an int; -1 when it is not one.
func number(a any) int {
	switch v := a.(type) {
	case int64:
		return int(v)
	case float64:
		if v == float64(int(v)) {
			return int(v)
		}
	}
	return -1
}
