package sysmod

import (
	"reflect"
	"testing"
)

func TestIsIPGrammarCases(t *testing.T) {
	// builtins/net/is_ip_0, is_ip_1.
	falses := []string{"192.168.0,1", "192.168.0.", "192.168.", "192.", "256.168.0,1",
		"255.255.0.-1", "192.0022.1.1", "492.10.123.12313", "0xFF.0xFF.0xFF.0xFF",
		"2001:0db8:3c4d:0015+0000:0000:1a2f:1a2b", "fe80::1%eth0", "", " 1.2.3.4"}
	trues := []string{"255.255.0.1", "1.0.0.0", "192.190.0.1", "128.0.0.0", "172.16.0.0",
		"172.31.255.255", "169.254.0.1", "191.255.255.255", "223.255.255.0",
		"2001:0db8:3c4d:0015:0000:0000:1a2f:1a2b", "::", "::ffff:1.2.3.4"}
	for _, s := range falses {
		if IsIP(s) {
			t.Errorf("is_IP(%q) = true", s)
		}
	}
	for _, s := range trues {
		if !IsIP(s) {
			t.Errorf("is_IP(%q) = false", s)
		}
	}
	if !IsIPv4("1.2.3.4") || IsIPv4("::1") || !IsIPv6("::1") || IsIPv6("1.2.3.4") {
		t.Error("is_IPv4 / is_IPv6 wrong")
	}
}

func TestIPPredicates(t *testing.T) {
	// builtins/net/is_ip_2 plus upstream unit cases.
	cases := []struct {
		name string
		f    func(string) bool
		ip   string
		want bool
	}{
		{"multicast", IsMulticastIP, "239.255.255.255", true},
		{"multicast", IsMulticastIP, "ff02::1", true},
		{"multicast", IsMulticastIP, "10.0.0.1", false},
		{"loopback", IsLoopbackIP, "127.0.0.1", true},
		{"loopback", IsLoopbackIP, "127.1.2.3", true},
		{"loopback", IsLoopbackIP, "::1", true},
		{"loopback", IsLoopbackIP, "::2", false},
		{"link_local_multicast", IsLinkLocalMulticastIP, "224.0.0.0", true},
		{"link_local_multicast", IsLinkLocalMulticastIP, "224.0.1.0", false},
		{"link_local_multicast", IsLinkLocalMulticastIP, "ff12::1", true},
		{"link_local_unicast", IsLinkLocalUnicastIP, "fe80::2012:1", true},
		{"link_local_unicast", IsLinkLocalUnicastIP, "169.254.1.1", true},
		{"link_local_unicast", IsLinkLocalUnicastIP, "fec0::1", false},
		{"global_unicast", IsGlobalUnicastIP, "220.181.108.89", true},
		{"global_unicast", IsGlobalUnicastIP, "2607:f8b0:4005:802::200e", true},
		{"global_unicast", IsGlobalUnicastIP, "64:ff9b::800:1", true},
		{"global_unicast", IsGlobalUnicastIP, "10.1.2.3", false},
		{"global_unicast", IsGlobalUnicastIP, "192.0.0.9", true},
		{"global_unicast", IsGlobalUnicastIP, "224.0.0.1", false},
		{"global_unicast", IsGlobalUnicastIP, "2001:db8::1", false},
		{"unspecified", IsUnspecifiedIP, "0.0.0.0", true},
		{"unspecified", IsUnspecifiedIP, "::", true},
		{"unspecified", IsUnspecifiedIP, "0.0.0.1", false},
		{"interface_local_multicast", IsInterfaceLocalMulticastIP, "224.0.0.0", false},
		{"interface_local_multicast", IsInterfaceLocalMulticastIP, "ff11::1", true},
	}
	for _, c := range cases {
		if got := c.f(c.ip); got != c.want {
			t.Errorf("is_%s_IP(%q) = %v, want %v", c.name, c.ip, got, c.want)
		}
	}
}

func TestToIP(t *testing.T) {
	to4 := map[string]string{
		"::FFFF:192.168.1.10":                     "192.168.1.10",
		"::FFFF:192.168.x.10":                     "can not both parse ::FFFF:192.168.x.10 to ipv6 and ipv4,err:invalid IPv6 address syntax",
		"0000:0000:0000:0000:0000:FFFF:0A00:0001": "10.0.0.1",
		"::FFFF:0A00:0001":                        "10.0.0.1",
		"0:0:0:0:0:FFFF:AC10:0001":                "172.16.0.1",
		"10.1.2.3":                                "10.1.2.3",
		"::1":                                     "0.0.0.1",
		"2001:db8::1":                             "can not parse 2001:db8::1 ipv6 to ipv4!",
	}
	for in, want := range to4 {
		if got := ToIP4(in); got != want {
			t.Errorf("to_IP4(%q) = %q, want %q", in, got, want)
		}
	}
	to6 := map[string]string{
		"192.168.1.10": "::ffff:192.168.1.10",
		"192.168.x.10": "can not both parse 192.168.x.10 to ipv6 and ipv4,err:invalid IPv4 address syntax",
		"2001:db8::1":  "2001:db8::1",
		"::1":          "::1",
		"2001:db8:::1": "can not both parse 2001:db8:::1 to ipv6 and ipv4,err:invalid IPv4 address syntax",
	}
	for in, want := range to6 {
		if got := ToIP6(in); got != want {
			t.Errorf("to_IP6(%q) = %q, want %q", in, got, want)
		}
	}
	if got := IPString("2001:0DB8:0000:0000:0000:0000:0000:0001"); got != "2001:db8::1" {
		t.Errorf("IP_string = %q", got)
	}
	if got := IPString("nope"); got != "" {
		t.Errorf("IP_string(nope) = %q", got)
	}
}

func TestSplitJoinHostPort(t *testing.T) {
	ok := map[string][]string{
		"B-K0NZJGH6-0048.local:80": {"B-K0NZJGH6-0048.local", "80"},
		"invalid.invalid:21":       {"invalid.invalid", "21"},
		"192.0.2.1:14":             {"192.0.2.1", "14"},
		"[2001:db8::]:80":          {"2001:db8::", "80"},
	}
	for in, want := range ok {
		got, err := SplitHostPort(in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("split_host_port(%q) = %v, %v", in, got, err)
		}
	}
	bad := map[string]string{
		"test-host":         `ip_end_point "test-host" missing port`,
		"test-host:7:80":    `ip_end_point "test-host:7:80" too many colons`,
		"[2001:db8::]":      `ip_end_point "[2001:db8::]" missing port`,
		"[2001:db8::]80":    `ip_end_point "[2001:db8::]80" missing port`,
		"[2001:db8::]9:80":  `ip_end_point "[2001:db8::]9:80" missing port`,
		"[2001:db8::]:9:80": `ip_end_point "[2001:db8::]:9:80" too many colons`,
		"[2001:db8:::80":    `ip_end_point "[2001:db8:::80" missing ']'`,
		"t[est-host:80":     `ip_end_point "t[est-host:80" unexpected '['`,
		"]test-host:80":     `ip_end_point "]test-host:80" unexpected ']'`,
		"[[2001:db8::]:80":  `ip_end_point "[[2001:db8::]:80" unexpected '['`,
		"[2001:db8::]:]80":  `ip_end_point "[2001:db8::]:]80" unexpected ']'`,
	}
	for in, want := range bad {
		_, err := SplitHostPort(in)
		if err == nil || err.Error() != want {
			t.Errorf("split_host_port(%q) error = %v, want %q", in, err, want)
		}
	}
	if got := JoinHostPort("B-K0NZJGH6-0048.local", formatPort(80)); got != "B-K0NZJGH6-0048.local:80" {
		t.Errorf("join = %q", got)
	}
	if got := JoinHostPort("2001:db8::", "14"); got != "[2001:db8::]:14" {
		t.Errorf("join = %q", got)
	}
}

func TestParseCIDR(t *testing.T) {
	good := map[string]CIDR{
		"192.168.1.0/24":           {"192.168.1.0", 24},
		"0.0.0.0/0":                {"0.0.0.0", 0},
		"::/0":                     {"::", 0},
		"2001:db8::/56":            {"2001:db8::", 56},
		"2001:db8:1:2:3:4:5:7/128": {"2001:db8:1:2:3:4:5:7", 128},
		"10.1.2.3":                 {"10.1.2.3", 32},
		"2001:db8:1:2:3:4:5:7":     {"2001:db8:1:2:3:4:5:7", 128},
	}
	for in, want := range good {
		got, ok := ParseCIDR(in)
		if !ok || got != want {
			t.Errorf("parse_CIDR(%q) = %v, %v", in, got, ok)
		}
	}
	bad := map[string]string{
		"10.0.0/8":                 "couldn't parse address in network: invalid IP address syntax",
		"10.0.0.0/33":              "invalid length for network: Network length 33 is too long for Ipv4 (maximum: 32)",
		"2001:db8:1:2:3:4:5:7/129": "invalid length for network: Network length 129 is too long for Ipv6 (maximum: 128)",
		"0.0.0.0/256":              "couldn't parse length in network: number too large to fit in target type",
		"::/256":                   "couldn't parse length in network: number too large to fit in target type",
		"10.0.0.0/8/8":             "couldn't parse address in network: invalid IP address syntax",
		"2001:db8::/56/56":         "couldn't parse address in network: invalid IP address syntax",
		"0.0.0.0/-1":               "couldn't parse length in network: invalid digit found in string",
		"::/-1":                    "couldn't parse length in network: invalid digit found in string",
		"10.128.0.0/8":             "host part of address was not zero",
		"2001:db8::/16":            "host part of address was not zero",
		"10.1.2.3/31":              "host part of address was not zero",
		"2001:db8:1:2:3:4:5:7/127": "host part of address was not zero",
		"1.2.3.0/":                 "couldn't parse length in network: cannot parse integer from empty string",
	}
	for in, want := range bad {
		if _, ok := ParseCIDR(in); ok {
			t.Errorf("parse_CIDR(%q) succeeded", in)
		}
		_, err := IsIPInCIDR("10.0.0.1", in)
		if err == nil || err.Error() != "is_IP_in_CIDR() invalid cidr: "+want {
			t.Errorf("is_IP_in_CIDR(_, %q) error = %v, want %q", in, err, want)
		}
	}
}

func TestIsIPInCIDR(t *testing.T) {
	cases := []struct {
		cidr      string
		in, notIn []string
	}{
		{"0.0.0.0/0", []string{"0.0.0.0", "255.255.255.255"}, []string{"::", "2001:db8::"}},
		{"::/0", []string{"::", "2001:db8::", "10.1.2.3", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}, nil},
		{"10.0.0.0/8", []string{"10.0.0.0", "10.1.2.3", "10.255.255.255"}, []string{"9.255.255.255", "11.0.0.0", "a000::"}},
		{"2001:db8::/56", []string{"2001:db8::", "2001:db8:0000:ff:ffff:ffff:ffff:ffff"}, []string{"2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8:0:100::", "10.1.2.3"}},
		{"10.1.2.3/32", []string{"10.1.2.3"}, []string{"10.1.2.2", "10.1.2.4", "0a01:0203::"}},
		{"2001:db8:1:2:3:4:5:7", []string{"2001:db8:1:2:3:4:5:7"}, []string{"2001:db8:1:2:3:4:5:6", "2001:db8:1:2:3:4:5:8", "10.1.2.3"}},
		{"192.168.1.0/24", []string{"192.168.1.1"}, []string{"192.168.0.1"}},
		{"2001:db8::/64", []string{"2001:db8::1"}, nil},
	}
	for _, c := range cases {
		for _, ip := range c.in {
			if got, err := IsIPInCIDR(ip, c.cidr); err != nil || !got {
				t.Errorf("is_IP_in_CIDR(%q, %q) = %v, %v; want true", ip, c.cidr, got, err)
			}
		}
		for _, ip := range c.notIn {
			if got, err := IsIPInCIDR(ip, c.cidr); err != nil || got {
				t.Errorf("is_IP_in_CIDR(%q, %q) = %v, %v; want false", ip, c.cidr, got, err)
			}
		}
	}
	if _, err := IsIPInCIDR("10.0.0", "10.0.0.0/8"); err == nil || err.Error() != "is_IP_in_CIDR() invalid ip: invalid IP address syntax" {
		t.Errorf("bad ip error = %v", err)
	}
}

func TestCIDRSubnet(t *testing.T) {
	cases := []struct {
		cidr      string
		bits, num int64
		want      string
	}{
		{"10.0.0.0/8", 8, 5, "10.5.0.0/16"},
		{"2001:db8::/56", 8, 25, "2001:db8:0:19::/64"},
		{"0.0.0.0/0", 0, 0, "0.0.0.0/0"},
		{"0.0.0.0/0", 1, 1, "128.0.0.0/1"},
		{"0.0.0.0/0", 8, 10, "10.0.0.0/8"},
		{"0.0.0.0/0", 9, 11, "5.128.0.0/9"},
		{"0.0.0.0/0", 32, 4294967295, "255.255.255.255/32"},
		{"10.0.0.0/8", 9, 11, "10.5.128.0/17"},
		{"10.0.0.0/8", 24, 16777215, "10.255.255.255/32"},
		{"255.1.2.254/31", 1, 1, "255.1.2.255/32"},
		{"255.255.255.254/31", 1, 1, "255.255.255.255/32"},
		{"255.255.255.255/32", 0, 0, "255.255.255.255/32"},
		{"::/0", 0, 0, "::/0"},
		{"::/0", 1, 1, "8000::/1"},
		{"::/0", 16, 10, "a::/16"},
		{"::/0", 17, 11, "5:8000::/17"},
		{"::/0", 63, 9223372036854775807, "ffff:ffff:ffff:fffe::/63"},
		{"::/0", 64, 9223372036854775807, "7fff:ffff:ffff:ffff::/64"},
		{"ffff:ffff:ffff:ffff:8000::/65", 63, 9223372036854775807, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"},
		{"2001:db8::/56", 8, 5, "2001:db8:0:5::/64"},
		{"2001:db8:1:2:3:4:5:fffe/127", 1, 1, "2001:db8:1:2:3:4:5:ffff/128"},
		{"2001:db8:1:2:3:4:5:7/128", 0, 0, "2001:db8:1:2:3:4:5:7/128"},
	}
	for _, c := range cases {
		got, err := CIDRSubnet(c.cidr, c.bits, c.num)
		if err != nil || got != c.want {
			t.Errorf("CIDR_subnet(%q, %d, %d) = %q, %v; want %q", c.cidr, c.bits, c.num, got, err, c.want)
		}
	}
	bad := []struct {
		cidr      string
		bits, num int64
		want      string
	}{
		{"10.0.0.0/8", -1, 0, "CIDR_subnet() invalid additional_bits: cannot be negative"},
		{"2001:db8::/64", 1, -1, "CIDR_subnet() invalid net_num: cannot be negative"},
		{"10.0.0.0/8", 25, 0, "CIDR_subnet() invalid additional_bits: would extend network length to 33 bits, which is too long for IPv4"},
		{"2001:db8::/65", 64, 0, "CIDR_subnet() invalid additional_bits: would extend network length to 129 bits, which is too long for IPv6"},
		{"10.0.0.0/8", 8, 256, "CIDR_subnet() additional_bits of 8 does not accommodate a net_num of 256"},
		{"2001:db8::/64", 8, 256, "CIDR_subnet() additional_bits of 8 does not accommodate a net_num of 256"},
		{"10.128.0.0/8", 1, 0, "CIDR_subnet() invalid cidr: host part of address was not zero"},
	}
	for _, c := range bad {
		_, err := CIDRSubnet(c.cidr, c.bits, c.num)
		if err == nil || err.Error() != c.want {
			t.Errorf("CIDR_subnet(%q, %d, %d) error = %v, want %q", c.cidr, c.bits, c.num, err, c.want)
		}
	}
}

func TestCIDRSubnets(t *testing.T) {
	cases := []struct {
		cidr string
		bits []int64
		want []string
	}{
		{"10.0.0.0/8", []int64{8, 8}, []string{"10.0.0.0/16", "10.1.0.0/16"}},
		{"2001:db8::/56", []int64{8, 8}, []string{"2001:db8::/64", "2001:db8:0:1::/64"}},
		{"0.0.0.0/0", []int64{0}, []string{"0.0.0.0/0"}},
		{"0.0.0.0/0", []int64{}, []string{}},
		{"0.0.0.0/0", []int64{1, 1}, []string{"0.0.0.0/1", "128.0.0.0/1"}},
		{"0.0.0.0/0", []int64{8, 9, 9, 32, 32}, []string{"0.0.0.0/8", "1.0.0.0/9", "1.128.0.0/9", "2.0.0.0/32", "2.0.0.1/32"}},
		{"0.0.0.0/0", []int64{8, 32, 32, 9}, []string{"0.0.0.0/8", "1.0.0.0/32", "1.0.0.1/32", "1.128.0.0/9"}},
		{"10.0.0.0/8", []int64{8, 9, 9, 9, 8}, []string{"10.0.0.0/16", "10.1.0.0/17", "10.1.128.0/17", "10.2.0.0/17", "10.3.0.0/16"}},
		{"10.0.0.0/8", []int64{8, 10, 8, 9, 10, 10}, []string{"10.0.0.0/16", "10.1.0.0/18", "10.2.0.0/16", "10.1.128.0/17", "10.1.64.0/18", "10.3.0.0/18"}},
		{"255.1.2.254/31", []int64{1, 1}, []string{"255.1.2.254/32", "255.1.2.255/32"}},
		{"::/0", []int64{1, 1}, []string{"::/1", "8000::/1"}},
		{"::/0", []int64{8, 9, 9, 63, 63}, []string{"::/8", "100::/9", "180::/9", "200::/63", "200:0:0:2::/63"}},
		{"::/0", []int64{8, 63, 63, 9}, []string{"::/8", "100::/63", "100:0:0:2::/63", "180::/9"}},
		{"2001:db8::/65", []int64{8, 63, 63, 63, 8}, []string{"2001:db8::/73", "2001:db8:0:0:80::/128", "2001:db8::80:0:0:1/128", "2001:db8::80:0:0:2/128", "2001:db8:0:0:100::/73"}},
		{"2001:db8::/65", []int64{8, 10, 8, 9, 10, 10}, []string{"2001:db8::/73", "2001:db8:0:0:80::/75", "2001:db8:0:0:100::/73", "2001:db8:0:0:c0::/74", "2001:db8:0:0:a0::/75", "2001:db8:0:0:180::/75"}},
	}
	for _, c := range cases {
		got, err := CIDRSubnets(c.cidr, c.bits)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("CIDR_subnets(%q, %v) = %q, %v; want %q", c.cidr, c.bits, got, err, c.want)
		}
	}
	bad := []struct {
		cidr string
		bits []int64
		want string
	}{
		{"10.0.0.0/8", []int64{3, 2, -1}, "CIDR_subnets() invalid additional_bits: cannot be negative"},
		{"10.0.0.0/8", []int64{3, 2, 25}, "CIDR_subnets() invalid additional_bits: would extend network length to 33 bits, which is too long for IPv4"},
		{"2001:db8::/32", []int64{3, 2, 64}, "CIDR_subnets() invalid additional_bits: cannot extend more than 63 bits"},
		{"2001:db8::/66", []int64{3, 2, 63}, "CIDR_subnets() invalid additional_bits: would extend network length to 129 bits, which is too long for IPv6"},
		{"10.0.0.0/8", []int64{1, 1, 1}, "CIDR_subnets() not enough remaining address space for a subnet with a prefix of 9 bits after 10.128.0.0/9"},
		{"2001:db8::/126", []int64{1, 1, 1}, "CIDR_subnets() not enough remaining address space for a subnet with a prefix of 127 bits after 2001:db8::2/127"},
	}
	for _, c := range bad {
		_, err := CIDRSubnets(c.cidr, c.bits)
		if err == nil || err.Error() != c.want {
			t.Errorf("CIDR_subnets(%q, %v) error = %v, want %q", c.cidr, c.bits, err, c.want)
		}
	}
}

func TestCIDRHost(t *testing.T) {
	cases := []struct {
		cidr string
		num  int64
		want string
	}{
		{"10.0.0.0/8", 5, "10.0.0.5"},
		{"2001:db8::/56", 25, "2001:db8::19"},
		{"0.0.0.0/0", 0, "0.0.0.0"},
		{"0.0.0.0/0", 1, "0.0.0.1"},
		{"0.0.0.0/0", -1, "255.255.255.255"},
		{"0.0.0.0/0", 256, "0.0.1.0"},
		{"0.0.0.0/0", -256, "255.255.255.0"},
		{"0.0.0.0/0", 4294967295, "255.255.255.255"},
		{"0.0.0.0/0", -4294967296, "0.0.0.0"},
		{"10.0.0.0/8", 11, "10.0.0.11"},
		{"10.0.0.0/8", 16777215, "10.255.255.255"},
		{"10.0.0.0/8", -1, "10.255.255.255"},
		{"255.1.2.254/31", 1, "255.1.2.255"},
		{"255.255.255.254/31", 1, "255.255.255.255"},
		{"255.255.255.255/32", 0, "255.255.255.255"},
		{"255.255.255.255/32", -1, "255.255.255.255"},
		{"::/0", 0, "::"},
		{"::/0", 1, "::1"},
		{"::/0", 16, "::10"},
		{"::/0", -1, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
		{"::/0", 9223372036854775807, "::7fff:ffff:ffff:ffff"},
		{"::/0", -9223372036854775808, "ffff:ffff:ffff:ffff:8000::"},
		{"2001:db8:0:2:8000::/65", 9223372036854775807, "2001:db8:0:2:ffff:ffff:ffff:ffff"},
		{"2001:db8:0:2:8000::/65", -9223372036854775808, "2001:db8:0:2:8000::"},
		{"ffff:ffff:ffff:ffff:8000::/65", 9223372036854775807, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
		{"2001:db8::/56", 5, "2001:db8::5"},
		{"2001:db8:1:2:3:4:5:fffe/127", 1, "2001:db8:1:2:3:4:5:ffff"},
		{"2001:db8:1:2:3:4:5:fffe/127", -1, "2001:db8:1:2:3:4:5:ffff"},
		{"2001:db8:1:2:3:4:5:7/128", 0, "2001:db8:1:2:3:4:5:7"},
		{"2001:db8:1:2:3:4:5:7/128", -1, "2001:db8:1:2:3:4:5:7"},
	}
	for _, c := range cases {
		got, err := CIDRHost(c.cidr, c.num)
		if err != nil || got != c.want {
			t.Errorf("CIDR_host(%q, %d) = %q, %v; want %q", c.cidr, c.num, got, err, c.want)
		}
	}
	bad := []struct {
		cidr string
		num  int64
		want string
	}{
		{"10.0.0.0/24", 256, "CIDR_host() prefix of 24 does not accommodate a host numbered 256"},
		{"10.0.0.0/24", -257, "CIDR_host() prefix of 24 does not accommodate a host numbered -257"},
		{"10.0.0.0/32", 1, "CIDR_host() prefix of 32 does not accommodate a host numbered 1"},
		{"10.0.0.0/32", -2, "CIDR_host() prefix of 32 does not accommodate a host numbered -2"},
		{"0.0.0.0/0", 4294967296, "CIDR_host() prefix of 0 does not accommodate a host numbered 4294967296"},
		{"0.0.0.0/0", -4294967297, "CIDR_host() prefix of 0 does not accommodate a host numbered -4294967297"},
		{"2001:db8::/120", 256, "CIDR_host() prefix of 120 does not accommodate a host numbered 256"},
		{"2001:db8::/120", -257, "CIDR_host() prefix of 120 does not accommodate a host numbered -257"},
		{"2001:db8::/66", 9223372036854775807, "CIDR_host() prefix of 66 does not accommodate a host numbered 9223372036854775807"},
		{"2001:db8::/66", -9223372036854775808, "CIDR_host() prefix of 66 does not accommodate a host numbered -9223372036854775808"},
		{"10.0.0/8", 0, "CIDR_host() invalid cidr: couldn't parse address in network: invalid IP address syntax"},
	}
	for _, c := range bad {
		_, err := CIDRHost(c.cidr, c.num)
		if err == nil || err.Error() != c.want {
			t.Errorf("CIDR_host(%q, %d) error = %v, want %q", c.cidr, c.num, err, c.want)
		}
	}
}

func TestCIDRNetmask(t *testing.T) {
	cases := map[string]string{
		"0.0.0.0/0": "0.0.0.0", "0.0.0.0/1": "128.0.0.0", "0.0.0.0/24": "255.255.255.0",
		"0.0.0.0/31": "255.255.255.254", "0.0.0.0/32": "255.255.255.255", "10.0.0.0/8": "255.0.0.0",
	}
	for in, want := range cases {
		if got, err := CIDRNetmask(in); err != nil || got != want {
			t.Errorf("CIDR_netmask(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := CIDRNetmask("2001:db8::/64"); err == nil || err.Error() != "CIDR_netmask() IPv6 addresses cannot have a netmask" {
		t.Errorf("IPv6 netmask error = %v", err)
	}
}

func TestFQDN(t *testing.T) {
	host := func() (string, error) { return "box", nil }
	if got := FQDN("", host, nil); got != "box" {
		t.Errorf("fqdn() = %q", got)
	}
	if got := FQDN("a", host, func(s string) (string, bool) { return s + ".example.org", true }); got != "a.example.org" {
		t.Errorf("fqdn(a) = %q", got)
	}
	if got := FQDN("a", nil, nil); got != "a" {
		t.Errorf("fqdn(a) without resolver = %q", got)
	}
}
