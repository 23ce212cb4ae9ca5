package main

import (
	"net"
	"strings"
	"testing"
)

// TestServeListenBogus: `align serve --listen bogus` said "(listen tcp: address bogus:
// missing port in address)"; it says an address is HOST:PORT, with an example, exit 2.
func TestServeListenBogus(t *testing.T) {
	for _, addr := range []string{"bogus", "127.0.0.1", "127.0.0.1:abc", "127.0.0.1:99999"} {
		code, _, errOut := runAlign(t, t.TempDir(), nil, "serve", "--listen", addr)
		if code != 2 || !strings.Contains(errOut, "HOST:PORT") || !strings.Contains(errOut, "127.0.0.1:23234") {
			t.Errorf("--listen %s: exit %d, %q", addr, code, errOut)
		}
		assertPlain(t, "--listen "+addr, errOut)
	}
}

// TestListenErrorInUse: a port another program holds is named as such.
func TestListenErrorInUse(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	addr := busy.Addr().String()
	_, lerr := net.Listen("tcp", addr)
	if lerr == nil {
		t.Fatal("listened twice on one port")
	}
	got := listenError(addr, lerr).Error()
	if !strings.Contains(got, "another program already uses port") || exitCode(listenError(addr, lerr)) != 1 {
		t.Errorf("busy port: %q", got)
	}
	assertPlain(t, "busy port", errorLine(got)+"\n")
}
