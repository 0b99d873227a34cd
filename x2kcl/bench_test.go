package x2kcl

import (
	"strings"
	"testing"
)

// a Kubernetes-like manifest, repeated into a multi-document stream
const benchDoc = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-%d
  labels: {app: web, tier: "frontend"}
  annotations:
    description: "a deployment with ${vars} and \"quotes\""
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
          args: ["--port=80", "--verbose"]
          ports:
            - containerPort: 80
              protocol: TCP
          resources:
            limits: {cpu: 500m, memory: 128Mi}
          env:
            - name: RATIO
              value: "0.5"
`

func benchYAML(n int) []byte {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString("---\n")
		}
		b.WriteString(strings.Replace(benchDoc, "%d", strings.Repeat("x", i%7), 1))
	}
	return []byte(b.String())
}

func BenchmarkYAMLData(b *testing.B) {
	src := benchYAML(2000) // about 1.3 MB
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DataFromSource("yaml", "bench.yaml", src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONData(b *testing.B) {
	docs, err := ParseYAML("bench.yaml", benchYAML(2000))
	if err != nil {
		b.Fatal(err)
	}
	list := &Node{Kind: List, Items: docs}
	src := list.AppendJSON(nil)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DataFromSource("json", "bench.json", src); err != nil {
			b.Fatal(err)
		}
	}
}
