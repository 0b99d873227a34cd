package sysmod

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"net/netip"
	"strconv"
	"strings"
)

// This file implements the `net` system module on plain Go strings. Address
// syntax and formatting follow Rust's std::net (strict dotted decimal without
// leading zeros, no IPv6 zones, RFC 5952 output) and CIDR handling follows
// the Rust `cidr` crate, whose error texts upstream passes through.

// parseIPv4 parses a strict dotted-decimal IPv4 address.
func parseIPv4(s string) (netip.Addr, bool) {
	if strings.ContainsAny(s, ":%") {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return netip.Addr{}, false
	}
	return a, true
}

// parseIPv6 parses an IPv6 address (an embedded IPv4 tail is allowed, a zone
// is not). IPv4-mapped addresses stay 16-byte addresses.
func parseIPv6(s string) (netip.Addr, bool) {
	if !strings.Contains(s, ":") || strings.Contains(s, "%") {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is6() {
		return netip.Addr{}, false
	}
	return a, true
}

// parseIP parses either family.
func parseIP(s string) (netip.Addr, bool) {
	if a, ok := parseIPv4(s); ok {
		return a, true
	}
	return parseIPv6(s)
}

// formatIP renders an address as Rust's Display does: dotted decimal for
// IPv4; for IPv6 RFC 5952 with "::ffff:a.b.c.d" for IPv4-mapped addresses.
func formatIP(a netip.Addr) string {
	return a.String()
}

// segments returns the eight 16-bit groups of an IPv6 address.
func segments(a netip.Addr) [8]uint16 {
	b := a.As16()
	var s [8]uint16
	for i := range s {
		s[i] = binary.BigEndian.Uint16(b[2*i:])
	}
	return s
}

// IPString implements net.IP_string / net.parse_IP: the canonical form, or
// "" when s is not an address.
func IPString(s string) string {
	if a, ok := parseIP(s); ok {
		return formatIP(a)
	}
	return ""
}

// ToIP4 implements net.to_IP4. Upstream returns its error descriptions as
// the result string rather than failing.
func ToIP4(s string) string {
	if a, ok := parseIPv4(s); ok {
		return formatIP(a)
	}
	a, ok := parseIPv6(s)
	if !ok {
		return fmt.Sprintf("can not both parse %s to ipv6 and ipv4,err:invalid IPv6 address syntax", s)
	}
	seg := segments(a)
	if seg[0]|seg[1]|seg[2]|seg[3]|seg[4] == 0 && (seg[5] == 0 || seg[5] == 0xffff) {
		b := a.As16()
		return netip.AddrFrom4([4]byte(b[12:])).String()
	}
	return fmt.Sprintf("can not parse %s ipv6 to ipv4!", s)
}

// ToIP6 implements net.to_IP6: IPv4 addresses become IPv4-mapped.
func ToIP6(s string) string {
	if a, ok := parseIPv6(s); ok {
		return formatIP(a)
	}
	if a, ok := parseIPv4(s); ok {
		return netip.AddrFrom16(a.As16()).String()
	}
	return fmt.Sprintf("can not both parse %s to ipv6 and ipv4,err:invalid IPv4 address syntax", s)
}

// IsIPv4 implements net.is_IPv4.
func IsIPv4(s string) bool { _, ok := parseIPv4(s); return ok }

// IsIPv6 implements net.is_IPv6.
func IsIPv6(s string) bool { _, ok := parseIPv6(s); return ok }

// IsIP implements net.is_IP.
func IsIP(s string) bool { _, ok := parseIP(s); return ok }

func ipv4Octets(a netip.Addr) [4]byte { return a.As4() }

func isIPv4Multicast(o [4]byte) bool { return o[0]&0xf0 == 224 }
func isIPv4LinkLocal(o [4]byte) bool { return o[0] == 169 && o[1] == 254 }
func isIPv4Broadcast(o [4]byte) bool { return o == [4]byte{255, 255, 255, 255} }

// IsLoopbackIP implements net.is_loopback_IP.
func IsLoopbackIP(s string) bool {
	if a, ok := parseIPv4(s); ok {
		return ipv4Octets(a)[0] == 127
	}
	if a, ok := parseIPv6(s); ok {
		return a == netip.IPv6Loopback()
	}
	return false
}

// IsMulticastIP implements net.is_multicast_IP.
func IsMulticastIP(s string) bool {
	if a, ok := parseIPv4(s); ok {
		return isIPv4Multicast(ipv4Octets(a))
	}
	if a, ok := parseIPv6(s); ok {
		return segments(a)[0]&0xff00 == 0xff00
	}
	return false
}

// IsInterfaceLocalMulticastIP implements net.is_interface_local_multicast_IP
// (IPv6 ffx1::/16 only).
func IsInterfaceLocalMulticastIP(s string) bool {
	if a, ok := parseIPv6(s); ok {
		return segments(a)[0]&0xff0f == 0xff01
	}
	return false
}

// IsLinkLocalMulticastIP implements net.is_link_local_multicast_IP
// (224.0.0.0/24 and ffx2::/16).
func IsLinkLocalMulticastIP(s string) bool {
	if a, ok := parseIPv4(s); ok {
		o := ipv4Octets(a)
		return o[0] == 224 && o[1] == 0 && o[2] == 0
	}
	if a, ok := parseIPv6(s); ok {
		return segments(a)[0]&0xff0f == 0xff02
	}
	return false
}

// IsLinkLocalUnicastIP implements net.is_link_local_unicast_IP
// (169.254.0.0/16 and fe80::/10).
func IsLinkLocalUnicastIP(s string) bool {
	if a, ok := parseIPv4(s); ok {
		o := ipv4Octets(a)
		return isIPv4LinkLocal(o) && !isIPv4Multicast(o)
	}
	if a, ok := parseIPv6(s); ok {
		return segments(a)[0]&0xffc0 == 0xfe80
	}
	return false
}

// isIPv4Global mirrors the (then unstable) Rust Ipv4Addr::is_global that
// upstream copied.
func isIPv4Global(o [4]byte) bool {
	v := binary.BigEndian.Uint32(o[:])
	if v == 0xc0000009 || v == 0xc000000a {
		return true
	}
	private := o[0] == 10 || o[0] == 172 && o[1]&0xf0 == 16 || o[0] == 192 && o[1] == 168
	loopback := o[0] == 127
	documentation := o[0] == 192 && o[1] == 0 && o[2] == 2 ||
		o[0] == 198 && o[1] == 51 && o[2] == 100 ||
		o[0] == 203 && o[1] == 0 && o[2] == 113
	shared := o[0] == 100 && o[1]&0xc0 == 0x40
	ietf := o[0] == 192 && o[1] == 0 && o[2] == 0
	reserved := o[0]&240 == 240 && !isIPv4Broadcast(o)
	benchmarking := o[0] == 198 && o[1]&0xfe == 18
	return !private && !loopback && !isIPv4LinkLocal(o) && !isIPv4Broadcast(o) &&
		!documentation && !shared && !ietf && !reserved && !benchmarking && o[0] != 0
}

func isIPv6Global(a netip.Addr) bool {
	s := segments(a)
	if s[0]&0xe000 == 0x2000 {
		if s[0] == 0x2001 && s[1] == 0xdb8 {
			return false
		}
		if s[0] == 0x2001 && s[1] == 2 && s[2] == 0 {
			return false
		}
		return true
	}
	if s[0] == 0x64 && s[1] == 0xff9b && s[2]|s[3]|s[4]|s[5] == 0 {
		b := a.As16()
		o := [4]byte(b[12:])
		return isIPv4Global(o) && !isIPv4Multicast(o)
	}
	return false
}

// IsGlobalUnicastIP implements net.is_global_unicast_IP.
func IsGlobalUnicastIP(s string) bool {
	if a, ok := parseIPv4(s); ok {
		o := ipv4Octets(a)
		return isIPv4Global(o) && !isIPv4Multicast(o)
	}
	if a, ok := parseIPv6(s); ok {
		return isIPv6Global(a)
	}
	return false
}

// IsUnspecifiedIP implements net.is_unspecified_IP.
func IsUnspecifiedIP(s string) bool {
	if a, ok := parseIP(s); ok {
		return a.IsUnspecified()
	}
	return false
}

// escapeDefault renders s like Rust's str::escape_default.
func escapeDefault(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\\' || r == '\'' || r == '"':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, `\u{%x}`, r)
		}
	}
	return b.String()
}

// SplitHostPort implements net.split_host_port(ip_end_point).
func SplitHostPort(s string) ([]string, error) {
	fail := func(what string) ([]string, error) {
		return nil, fmt.Errorf("ip_end_point \"%s\" %s", escapeDefault(s), what)
	}
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return fail("missing port")
	}
	host, port := s[:i], s[i+1:]
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return fail("missing ']'")
		}
		if end > len(host) || !strings.HasPrefix(s[end+1:], ":") {
			return fail("missing port")
		}
		if end < len(host)-1 {
			return fail("too many colons")
		}
		if strings.Contains(s[1:], "[") {
			return fail("unexpected '['")
		}
		if strings.Contains(port, "]") {
			return fail("unexpected ']'")
		}
		return []string{host[1:end], port}, nil
	}
	if strings.Contains(host, ":") {
		return fail("too many colons")
	}
	if len(s) > 0 && strings.Contains(s[1:], "[") {
		return fail("unexpected '['")
	}
	if strings.Contains(s, "]") {
		return fail("unexpected ']'")
	}
	return []string{host, port}, nil
}

// JoinHostPort implements net.join_host_port(host, port); port is already
// rendered as text (an int or a string upstream).
func JoinHostPort(host, port string) string {
	if strings.Contains(host, ":") {
		return "[" + host + "]:" + port
	}
	return host + ":" + port
}

// u128 is an unsigned 128-bit integer for IPv6 arithmetic.
type u128 struct{ hi, lo uint64 }

func u128FromAddr(a netip.Addr) u128 {
	if a.Is4() {
		b := a.As4()
		return u128{lo: uint64(binary.BigEndian.Uint32(b[:]))}
	}
	b := a.As16()
	return u128{hi: binary.BigEndian.Uint64(b[:8]), lo: binary.BigEndian.Uint64(b[8:])}
}

func (x u128) add(y u128) u128 {
	lo, c := bits.Add64(x.lo, y.lo, 0)
	hi, _ := bits.Add64(x.hi, y.hi, c)
	return u128{hi, lo}
}

func (x u128) sub(y u128) u128 {
	lo, b := bits.Sub64(x.lo, y.lo, 0)
	hi, _ := bits.Sub64(x.hi, y.hi, b)
	return u128{hi, lo}
}

func (x u128) shl(n uint) u128 {
	switch {
	case n >= 128:
		return u128{}
	case n >= 64:
		return u128{hi: x.lo << (n - 64)}
	case n == 0:
		return x
	default:
		return u128{hi: x.hi<<n | x.lo>>(64-n), lo: x.lo << n}
	}
}

func (x u128) and(y u128) u128 { return u128{x.hi & y.hi, x.lo & y.lo} }
func (x u128) isZero() bool    { return x.hi == 0 && x.lo == 0 }

// u128FromInt64 converts with two's complement sign extension (Rust `as u128`).
func u128FromInt64(v int64) u128 {
	if v < 0 {
		return u128{hi: ^uint64(0), lo: uint64(v)}
	}
	return u128{lo: uint64(v)}
}

func addrFromU128(x u128, v4 bool) netip.Addr {
	if v4 {
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], uint32(x.lo))
		return netip.AddrFrom4(b)
	}
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], x.hi)
	binary.BigEndian.PutUint64(b[8:], x.lo)
	return netip.AddrFrom16(b)
}

// cidr is a parsed network: first address and prefix length.
type cidr struct {
	addr netip.Addr
	bits int
}

func (c cidr) is4() bool      { return c.addr.Is4() }
func (c cidr) familyLen() int { return map[bool]int{true: 32, false: 128}[c.is4()] }

// hostMask returns the mask of host bits.
func (c cidr) hostMask() u128 {
	hostLen := uint(c.familyLen() - c.bits)
	return u128{lo: 1}.shl(hostLen).sub(u128{lo: 1})
}

func (c cidr) contains(a netip.Addr) bool {
	if a.Is4() != c.is4() {
		return false
	}
	x := u128FromAddr(a)
	base := u128FromAddr(c.addr)
	netMask := c.hostMask()
	netMask = u128{^netMask.hi, ^netMask.lo}
	if c.is4() {
		netMask.hi = 0
		netMask.lo &= 0xffffffff
	}
	return x.and(netMask) == base
}

// parseCIDR parses "addr/len" or a bare address (a host network) the way the
// Rust cidr crate does, with its error texts.
func parseCIDR(s string) (cidr, error) {
	addrText, lenText, hasLen := s, "", false
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		addrText, lenText, hasLen = s[:i], s[i+1:], true
	}
	a, ok := parseIP(addrText)
	if !ok {
		return cidr{}, fmt.Errorf("couldn't parse address in network: invalid IP address syntax")
	}
	c := cidr{addr: a, bits: map[bool]int{true: 32, false: 128}[a.Is4()]}
	if !hasLen {
		return c, nil
	}
	n, err := parseRustU8(lenText)
	if err != nil {
		return cidr{}, fmt.Errorf("couldn't parse length in network: %s", err)
	}
	if int(n) > c.familyLen() {
		fam := map[bool]string{true: "Ipv4", false: "Ipv6"}[c.is4()]
		return cidr{}, fmt.Errorf("invalid length for network: Network length %d is too long for %s (maximum: %d)", n, fam, c.familyLen())
	}
	c.bits = int(n)
	if !u128FromAddr(a).and(c.hostMask()).isZero() {
		return cidr{}, fmt.Errorf("host part of address was not zero")
	}
	return c, nil
}

// parseRustU8 parses like Rust's u8::from_str, with its error texts.
func parseRustU8(s string) (uint8, error) {
	digits := strings.TrimPrefix(s, "+")
	if digits == "" {
		if s == "" {
			return 0, fmt.Errorf("cannot parse integer from empty string")
		}
		return 0, fmt.Errorf("invalid digit found in string")
	}
	var v uint64
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("invalid digit found in string")
		}
		v = v*10 + uint64(c-'0')
		if v > 255 {
			// Rust reports overflow only if the remaining characters are
			// digits too.
			for j := i + 1; j < len(digits); j++ {
				if digits[j] < '0' || digits[j] > '9' {
					return 0, fmt.Errorf("invalid digit found in string")
				}
			}
			return 0, fmt.Errorf("number too large to fit in target type")
		}
	}
	return uint8(v), nil
}

// CIDR is the result of net.parse_CIDR.
type CIDR struct {
	IP   string
	Mask int
}

// ParseCIDR implements net.parse_CIDR: ok is false (an empty dict upstream)
// when s is not a valid network.
func ParseCIDR(s string) (CIDR, bool) {
	c, err := parseCIDR(s)
	if err != nil {
		return CIDR{}, false
	}
	return CIDR{IP: formatIP(c.addr), Mask: c.bits}, true
}

// IsIPInCIDR implements net.is_IP_in_CIDR(ip, cidr). An IPv4 address is
// tested against an IPv6 network as its IPv4-mapped form.
func IsIPInCIDR(ip, network string) (bool, error) {
	a, ok := parseIP(ip)
	if !ok {
		return false, fmt.Errorf("is_IP_in_CIDR() invalid ip: invalid IP address syntax")
	}
	c, err := parseCIDR(network)
	if err != nil {
		return false, fmt.Errorf("is_IP_in_CIDR() invalid cidr: %s", err)
	}
	if !c.is4() && a.Is4() {
		a = netip.AddrFrom16(a.As16())
	}
	return c.contains(a), nil
}

// cidrAllocate computes the net_num'th subnet with additional_bits more
// prefix bits.
func cidrAllocate(c cidr, additionalBits, netNum int64) (string, error) {
	length := int64(c.bits) + additionalBits
	if c.is4() {
		if length > 32 {
			return "", fmt.Errorf("invalid additional_bits: would extend network length to %d bits, which is too long for IPv4", length)
		}
		if netNum >= int64(1)<<uint(additionalBits) {
			return "", fmt.Errorf("additional_bits of %d does not accommodate a net_num of %d", additionalBits, netNum)
		}
		base := u128FromAddr(c.addr).lo
		v := uint32(base + uint64(netNum)<<uint(32-length))
		return fmt.Sprintf("%s/%d", addrFromU128(u128{lo: uint64(v)}, true), length), nil
	}
	if length > 128 {
		return "", fmt.Errorf("invalid additional_bits: would extend network length to %d bits, which is too long for IPv6", length)
	}
	if additionalBits < 64 && uint64(netNum) >= uint64(1)<<uint(additionalBits) {
		return "", fmt.Errorf("additional_bits of %d does not accommodate a net_num of %d", additionalBits, netNum)
	}
	if length == 0 {
		return "::/0", nil
	}
	v := u128FromAddr(c.addr).add(u128{lo: uint64(netNum)}.shl(uint(128 - length)))
	return fmt.Sprintf("%s/%d", addrFromU128(v, false), length), nil
}

// CIDRSubnet implements net.CIDR_subnet(cidr, additional_bits, net_num).
func CIDRSubnet(network string, additionalBits, netNum int64) (string, error) {
	c, err := parseCIDR(network)
	if err != nil {
		return "", fmt.Errorf("CIDR_subnet() invalid cidr: %s", err)
	}
	if additionalBits < 0 {
		return "", fmt.Errorf("CIDR_subnet() invalid additional_bits: cannot be negative")
	}
	if netNum < 0 {
		return "", fmt.Errorf("CIDR_subnet() invalid net_num: cannot be negative")
	}
	s, err := cidrAllocate(c, additionalBits, netNum)
	if err != nil {
		return "", fmt.Errorf("CIDR_subnet() %s", err)
	}
	return s, nil
}

// CIDRSubnets implements net.CIDR_subnets(cidr, additional_bits): allocates
// consecutive non-overlapping subnets of the given sizes.
func CIDRSubnets(network string, additionalBits []int64) ([]string, error) {
	c, err := parseCIDR(network)
	if err != nil {
		return nil, fmt.Errorf("CIDR_subnets() invalid cidr: %s", err)
	}
	netNums := make([]int64, 0, len(additionalBits))
	for _, nb := range additionalBits {
		if nb < 0 {
			return nil, fmt.Errorf("CIDR_subnets() invalid additional_bits: cannot be negative")
		}
		newBits := int64(c.bits) + nb
		if c.is4() && newBits > 32 {
			return nil, fmt.Errorf("CIDR_subnets() invalid additional_bits: would extend network length to %d bits, which is too long for IPv4", newBits)
		}
		if !c.is4() {
			if nb > 63 {
				return nil, fmt.Errorf("CIDR_subnets() invalid additional_bits: cannot extend more than 63 bits")
			}
			if newBits > 128 {
				return nil, fmt.Errorf("CIDR_subnets() invalid additional_bits: would extend network length to %d bits, which is too long for IPv6", newBits)
			}
		}
		var num int64
		for again := true; again; {
			again = false
			for i, allocated := range netNums {
				allocBits := additionalBits[i]
				if allocBits > nb {
					allocated >>= uint(allocBits - nb)
					allocBits = nb
				}
				if allocBits < nb {
					allocated <<= uint(nb - allocBits)
				}
				if allocated == num {
					num += int64(1) << uint(nb-allocBits)
					again = true
				}
			}
		}
		netNums = append(netNums, num)
	}
	subnets := make([]string, 0, len(netNums))
	for i, num := range netNums {
		nb := additionalBits[i]
		if uint64(num) >= uint64(1)<<uint(nb) {
			if len(subnets) == 0 {
				return nil, fmt.Errorf("CIDR_subnets() not enough remaining address space for a subnet with a prefix of %d bits", int64(c.bits)+nb)
			}
			return nil, fmt.Errorf("CIDR_subnets() not enough remaining address space for a subnet with a prefix of %d bits after %s", int64(c.bits)+nb, subnets[len(subnets)-1])
		}
		s, err := cidrAllocate(c, nb, num)
		if err != nil {
			return nil, fmt.Errorf("CIDR_subnets %s", err)
		}
		subnets = append(subnets, s)
	}
	return subnets, nil
}

// CIDRHost implements net.CIDR_host(cidr, host_num); a negative host_num
// counts back from the end of the network.
func CIDRHost(network string, hostNum int64) (string, error) {
	c, err := parseCIDR(network)
	if err != nil {
		return "", fmt.Errorf("CIDR_host() invalid cidr: %s", err)
	}
	hostLen := c.familyLen() - c.bits
	abs := uint64(hostNum)
	if hostNum < 0 {
		abs = uint64(-(hostNum + 1))
	}
	if hostLen < 64 && uint64(1)<<uint(hostLen) <= abs {
		return "", fmt.Errorf("CIDR_host() prefix of %d does not accommodate a host numbered %d", c.bits, hostNum)
	}
	if c.is4() {
		v := int64(u128FromAddr(c.addr).lo)
		if hostNum < 0 {
			v += int64(1) << uint(hostLen)
		}
		v += hostNum
		return addrFromU128(u128{lo: uint64(uint32(v))}, true).String(), nil
	}
	v := u128FromAddr(c.addr)
	if hostLen == 128 {
		v = u128FromInt64(hostNum)
	} else {
		var hostBits u128
		if hostNum < 0 {
			// (1 << host_len) - |host_num|
			mag := u128{lo: uint64(-hostNum)}
			if hostNum == -1<<63 {
				mag = u128{lo: 1 << 63}
			}
			hostBits = u128{lo: 1}.shl(uint(hostLen)).sub(mag)
		} else {
			hostBits = u128{lo: uint64(hostNum)}
		}
		v = v.add(hostBits)
	}
	return addrFromU128(v, false).String(), nil
}

// CIDRNetmask implements net.CIDR_netmask(cidr) for IPv4 networks.
func CIDRNetmask(network string) (string, error) {
	c, err := parseCIDR(network)
	if err != nil {
		return "", fmt.Errorf("CIDR_netmask() invalid cidr: %s", err)
	}
	if !c.is4() {
		return "", fmt.Errorf("CIDR_netmask() IPv6 addresses cannot have a netmask")
	}
	mask := uint32(uint64(0xffffffffffffffff) << uint(32-c.bits))
	return addrFromU128(u128{lo: uint64(mask)}, true).String(), nil
}

// FQDN implements net.fqdn(name): the name itself, or the host name when
// name is empty. Reverse DNS resolution is left to the host (the language
// core has no network access); upstream falls back to the same value when
// resolution fails.
func FQDN(name string, hostname func() (string, error), resolve func(string) (string, bool)) string {
	if name == "" {
		if hostname == nil {
			return ""
		}
		h, err := hostname()
		if err != nil {
			return ""
		}
		name = h
	}
	if resolve != nil {
		if full, ok := resolve(name); ok {
			return full
		}
	}
	return name
}

// formatPort renders an integer port for JoinHostPort.
func formatPort(p int64) string { return strconv.FormatInt(p, 10) }
