package cli

import (
	"strings"
	"testing"
)

func TestSyncDirectCommandErrors(t *testing.T) {
	data := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"sync", "pair", "NOT-A-CODE", "127.0.0.1:1"}, ExitError, "not a pairing code"},
		{[]string{"sync", "pair", "ABCDE-FGHIJ-KLMNO", "127.0.0.1:1"}, ExitError, "connect to 127.0.0.1:1"},
		{[]string{"sync", "pair", "a", "b", "c"}, ExitUsage, "sync pair takes"},
		{[]string{"sync", "with"}, ExitUsage, "needs a device"},
		{[]string{"sync", "with", "127.0.0.1:1"}, ExitError, "connect to 127.0.0.1:1"},
		{[]string{"sync", "serve", "--listen", "256.0.0.1:1"}, ExitError, "listen on 256.0.0.1:1"},
	} {
		_, errs, code := lw(t, data, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("learnwork %s: exit %d, %q; want exit %d with %q", strings.Join(tc.args, " "), code, errs, tc.code, tc.want)
		}
	}
	if out, _, _ := lw(t, data, "sync", "help"); !strings.Contains(out, "pair [CODE [ADDR]]") || !strings.Contains(out, "serve [--listen ADDR]") || !strings.Contains(out, "with ADDR|DEVICE") {
		t.Errorf("help does not list the direct sync commands:\n%s", out)
	}
}
