package openapi2kcl

import "testing"

func TestNames(t *testing.T) {
	for _, tc := range []struct{ in, goName, file, human string }{
		{"CatalogItem", "CatalogItem", "catalog_item", "catalog item"},
		{"petType", "PetType", "pet_type", "pet type"},
		{"My-Config", "MyConfig", "my_config", "my config"},
		{"stable.example.com.v1.CronTab", "StableExampleComV1CronTab", "stable_example_com_v1_cron_tab", "stable example com v1 cron tab"},
		{"bootstrap.cluster.x-k8s.io.v1beta1.KubeadmConfigTemplate", "BootstrapClusterxK8sIoV1beta1KubeadmConfigTemplate", "bootstrap_cluster_x_k8s_io_v1beta1_kubeadm_config_template", "bootstrap cluster x k8s io v1beta1 kubeadm config template"},
		{"APIServer", "APIServer", "api_server", "API server"},
		{"HTTPServer", "HTTPServer", "http_server", "HTTP server"},
		{"ipv6-pool Anon", "IPV6PoolAnon", "ipv6_pool_anon", "ipv6 pool anon"},
		{"AWSClusterRoleIdentity", "AWSClusterRoleIdentity", "a_w_s_cluster_role_identity", "a w s cluster role identity"},
		{"podIPs", "PodIPs", "pod_i_ps", "pod i ps"},
		{"123abc", "Nr123abc", "123abc", "123abc"},
	} {
		if got := toGoName(tc.in); got != tc.goName {
			t.Errorf("toGoName(%q) = %q, want %q", tc.in, got, tc.goName)
		}
		if got := toFileName(tc.in); got != tc.file {
			t.Errorf("toFileName(%q) = %q, want %q", tc.in, got, tc.file)
		}
		if got := humanize(tc.in); got != tc.human {
			t.Errorf("humanize(%q) = %q, want %q", tc.in, got, tc.human)
		}
	}
	if got := fileName(toGoName("tools.linux")); got != "tools_linux_swagger" {
		t.Errorf("reserved suffix: %q", got)
	}
	if got := modelName("a.b.My-Thing"); got != "My_Thing" {
		t.Errorf("modelName: %q", got)
	}
}
