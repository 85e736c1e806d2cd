package dynamotest

import (
	"errors"
	"net"
	"net/url"
	"os"
	"syscall"
	"testing"
	"time"
)

// The emulators scripts/emulators.sh starts hold unauthenticated data: they must answer on
// 127.0.0.1 and nowhere else. Reaching them through this machine's other addresses must fail.
func TestEmulatorsListenOnLoopbackOnly(t *testing.T) {
	Client(t) // skips, or fails under CI, without the emulators
	var others []net.IP
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			others = append(others, n.IP)
		}
	}
	if len(others) == 0 {
		t.Skip("this machine has no address but loopback: nothing to check")
	}
	for _, env := range []string{EndpointEnv, "AWS_ENDPOINT_URL_SNS"} {
		raw := os.Getenv(env)
		if raw == "" {
			continue // the SNS emulator is not started by every test run
		}
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("%s: %v", env, err)
		}
		if u.Hostname() != "127.0.0.1" {
			t.Errorf("%s is %s, not on 127.0.0.1", env, raw)
		}
		conn, err := net.DialTimeout("tcp", "127.0.0.1:"+u.Port(), 2*time.Second)
		if err != nil {
			t.Fatalf("%s does not answer on 127.0.0.1: %v", env, err)
		}
		conn.Close()
		for _, ip := range others {
			conn, err := net.DialTimeout("tcp", net.JoinHostPort(ip.String(), u.Port()), 2*time.Second)
			if err == nil {
				conn.Close()
				t.Errorf("%s answers on %s too: it listens beyond loopback", env, ip)
				continue
			}
			if !errors.Is(err, syscall.ECONNREFUSED) {
				t.Logf("%s on %s: %v", env, ip, err)
			}
		}
	}
}
