package sysmod

import (
	"github.com/kclx-dev/kclx/kcl/builtins"
	"github.com/kclx-dev/kclx/kcl/value"
)

// ipPredicate registers a net function of one `ip` argument.
func ipPredicate(name string, f func(string) bool) builtins.Member {
	return fn(name, []string{"ip"}, func(_ *builtins.Context, c call) (value.Value, error) {
		ip, err := c.mustStr(0, "ip", name+"() missing 1 required positional argument: 'ip'")
		if err != nil {
			return nil, err
		}
		return value.Bool(f(ip)), nil
	})
}

// ipString registers a net function of one `ip` argument returning a str.
func ipString(name, missing string, f func(string) string) builtins.Member {
	return fn(name, []string{"ip"}, func(_ *builtins.Context, c call) (value.Value, error) {
		ip, err := c.mustStr(0, "ip", missing)
		if err != nil {
			return nil, err
		}
		return value.Str(f(ip)), nil
	})
}

func registerNet() {
	builtins.RegisterModule("net", map[string]builtins.Member{
		"split_host_port": fn("split_host_port", []string{"ip_end_point"}, func(_ *builtins.Context, c call) (value.Value, error) {
			v, ok := c.arg(0, "ip_end_point")
			if !ok {
				return nil, value.EvalErrorf("split_host_port() missing 1 required positional argument: 'ip_end_point'")
			}
			parts, err := SplitHostPort(asStr(v))
			if err != nil {
				return nil, err
			}
			return strList(parts), nil
		}),
		"join_host_port": fn("join_host_port", []string{"host", "port"}, func(_ *builtins.Context, c call) (value.Value, error) {
			host, ok1 := c.arg(0, "host")
			port, ok2 := c.arg(1, "port")
			if !ok1 || !ok2 {
				return nil, value.EvalErrorf("join_host_port() missing 2 required positional arguments: 'host' and 'port'")
			}
			return value.Str(JoinHostPort(value.ToString(host), value.ToString(port))), nil
		}),
		"fqdn": fn("fqdn", []string{"name"}, func(_ *builtins.Context, c call) (value.Value, error) {
			name, _, err := c.str(0, "name")
			if err != nil {
				return nil, err
			}
			return value.Str(FQDN(name, nil, nil)), nil
		}),
		"parse_IP":  ipString("parse_IP", "IP_string() missing 1 required positional argument: 'ip'", IPString),
		"IP_string": ipString("IP_string", "IP_string() missing 1 required positional argument: 'ip'", IPString),
		"to_IP4":    ipString("to_IP4", "IP_string() missing 1 required positional argument: 'ip'", ToIP4),
		"to_IP6":    ipString("to_IP6", "IP_string() missing 1 required positional argument: 'ip'", ToIP6),

		"is_IPv4":                         ipPredicate("is_IPv4", IsIPv4),
		"is_IPv6":                         ipPredicate("is_IPv6", IsIPv6),
		"is_IP":                           ipPredicate("is_IP", IsIP),
		"is_loopback_IP":                  ipPredicate("is_loopback_IP", IsLoopbackIP),
		"is_multicast_IP":                 ipPredicate("is_multicast_IP", IsMulticastIP),
		"is_interface_local_multicast_IP": ipPredicate("is_interface_local_multicast_IP", IsInterfaceLocalMulticastIP),
		"is_link_local_multicast_IP":      ipPredicate("is_link_local_multicast_IP", IsLinkLocalMulticastIP),
		"is_link_local_unicast_IP":        ipPredicate("is_link_local_unicast_IP", IsLinkLocalUnicastIP),
		"is_global_unicast_IP":            ipPredicate("is_global_unicast_IP", IsGlobalUnicastIP),
		"is_unspecified_IP":               ipPredicate("is_unspecified_IP", IsUnspecifiedIP),

		"parse_CIDR": fn("parse_CIDR", []string{"cidr"}, func(_ *builtins.Context, c call) (value.Value, error) {
			v, ok := c.arg(0, "cidr")
			if !ok {
				return nil, value.EvalErrorf("parse_CIDR() missing 1 required positional argument: 'cidr'")
			}
			d := value.NewDict()
			if r, ok := ParseCIDR(asStr(v)); ok {
				d.Set("ip", value.Str(r.IP))
				d.Set("mask", value.Int(r.Mask))
			}
			return d, nil
		}),
		"is_IP_in_CIDR": fn("is_IP_in_CIDR", []string{"ip", "cidr"}, func(_ *builtins.Context, c call) (value.Value, error) {
			const missing = "is_IP_in_CIDR() missing 2 required positional arguments: 'ip' and 'cidr'"
			ip, err := c.mustStr(0, "ip", missing)
			if err != nil {
				return nil, err
			}
			network, err := c.mustStr(1, "cidr", missing)
			if err != nil {
				return nil, err
			}
			in, err := IsIPInCIDR(ip, network)
			return value.Bool(in), err
		}),
		"CIDR_subnet": fn("CIDR_subnet", []string{"cidr", "additional_bits", "net_num"}, func(_ *builtins.Context, c call) (value.Value, error) {
			const missing = "CIDR_subnet() missing 3 required positional arguments: 'cidr', 'additional_bits', and 'net_num'"
			cv, ok1 := c.arg(0, "cidr")
			bv, ok2 := c.arg(1, "additional_bits")
			nv, ok3 := c.arg(2, "net_num")
			if !ok1 {
				return nil, value.EvalErrorf("%s", missing)
			}
			if _, err := parseCIDR(asStr(cv)); err != nil {
				return nil, value.EvalErrorf("CIDR_subnet() invalid cidr: %s", err)
			}
			if !ok2 || !ok3 {
				return nil, value.EvalErrorf("%s", missing)
			}
			bits, err := strictInt(bv)
			if err != nil {
				return nil, err
			}
			num, err := strictInt(nv)
			if err != nil {
				return nil, err
			}
			s, err := CIDRSubnet(asStr(cv), bits, num)
			return value.Str(s), err
		}),
		"CIDR_subnets": fn("CIDR_subnets", []string{"cidr", "additional_bits"}, func(_ *builtins.Context, c call) (value.Value, error) {
			const missing = "CIDR_subnets() missing 2 required positional arguments: 'cidr' and 'additional_bits'"
			cv, ok1 := c.arg(0, "cidr")
			bv, ok2 := c.arg(1, "additional_bits")
			if !ok1 {
				return nil, value.EvalErrorf("%s", missing)
			}
			if _, err := parseCIDR(asStr(cv)); err != nil {
				return nil, value.EvalErrorf("CIDR_subnets() invalid cidr: %s", err)
			}
			if !ok2 {
				return nil, value.EvalErrorf("%s", missing)
			}
			l, isList := bv.(*value.List)
			if !isList {
				return nil, value.EvalErrorf("invalid list value")
			}
			bits := make([]int64, len(l.Items))
			for i, it := range l.Items {
				b, err := strictInt(it)
				if err != nil {
					return nil, err
				}
				bits[i] = b
			}
			subnets, err := CIDRSubnets(asStr(cv), bits)
			if err != nil {
				return nil, err
			}
			return strList(subnets), nil
		}),
		"CIDR_host": fn("CIDR_host", []string{"cidr", "host_num"}, func(_ *builtins.Context, c call) (value.Value, error) {
			const missing = "CIDR_host() missing 2 required positional arguments: 'cidr' and 'host_num'"
			cv, ok1 := c.arg(0, "cidr")
			hv, ok2 := c.arg(1, "host_num")
			if !ok1 {
				return nil, value.EvalErrorf("%s", missing)
			}
			if _, err := parseCIDR(asStr(cv)); err != nil {
				return nil, value.EvalErrorf("CIDR_host() invalid cidr: %s", err)
			}
			if !ok2 {
				return nil, value.EvalErrorf("%s", missing)
			}
			num, err := strictInt(hv)
			if err != nil {
				return nil, err
			}
			s, err := CIDRHost(asStr(cv), num)
			return value.Str(s), err
		}),
		"CIDR_netmask": fn("CIDR_netmask", []string{"cidr"}, func(_ *builtins.Context, c call) (value.Value, error) {
			cv, ok := c.arg(0, "cidr")
			if !ok {
				return nil, value.EvalErrorf("CIDR_netmask() missing 1 required positional argument: 'cidr'")
			}
			s, err := CIDRNetmask(asStr(cv))
			return value.Str(s), err
		}),
	})
}

// asStr returns the string of a Str value, or "" (upstream as_str).
func asStr(v value.Value) string {
	if s, ok := v.(value.Str); ok {
		return string(s)
	}
	return ""
}
