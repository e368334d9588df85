package fetch

import (
	"errors"
	"fmt"
	"net/netip"
	"syscall"
)

// ErrBlocked is returned when a URL resolves to an address taqrir must not
// connect to on a user's behalf (see Classify).
var ErrBlocked = errors.New("fetch: address not allowed")

// Address classes that are refused unless Options.AllowPrivate is set.
var blockedPrefixes = []struct {
	prefix netip.Prefix
	class  string
}{
	{netip.MustParsePrefix("169.254.169.254/32"), "cloud metadata"},
	{netip.MustParsePrefix("0.0.0.0/8"), "this-network"},
	{netip.MustParsePrefix("100.64.0.0/10"), "carrier-grade NAT"},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol assignments"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"},
	{netip.MustParsePrefix("fd00:ec2::254/128"), "cloud metadata"},
}

// Classify says why an address must not be fetched from ("loopback",
// "private", "link-local", "cloud metadata", …), or "" for a public
// address. IPv4-mapped and NAT64 (64:ff9b::/96) IPv6 addresses are judged
// by the IPv4 address they carry.
func Classify(ip netip.Addr) string {
	if !ip.IsValid() {
		return "invalid"
	}
	ip = ip.Unmap()
	if ip.Is6() && netip.MustParsePrefix("64:ff9b::/96").Contains(ip) {
		b := ip.As16()
		return Classify(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
	}
	for _, p := range blockedPrefixes {
		if p.prefix.Contains(ip) {
			return p.class
		}
	}
	switch {
	case ip.IsUnspecified():
		return "unspecified"
	case ip.IsLoopback():
		return "loopback"
	case ip.IsPrivate(): // 10/8, 172.16/12, 192.168/16, fc00::/7
		return "private"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return "link-local"
	case ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return "multicast"
	case ip == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return "broadcast"
	}
	return ""
}

// control runs in the dialer after DNS resolution, on every connection the
// client opens (the first request, robots.txt and every redirect alike),
// so a name that resolves to an internal address is refused however it
// was reached.
func (f *Fetcher) control(network, address string, _ syscall.RawConn) error {
	if f.opt.AllowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: cannot parse %q", ErrBlocked, address)
	}
	if class := f.classify(ap.Addr()); class != "" {
		return &blockedError{addr: ap.Addr().Unmap(), class: class}
	}
	return nil
}

type blockedError struct {
	addr  netip.Addr
	class string
}

func (e *blockedError) Error() string {
	return fmt.Sprintf("refused to connect to %s, a %s address (pass --allow-private to fetch from internal networks)", e.addr, e.class)
}

func (e *blockedError) Is(target error) bool { return target == ErrBlocked }
