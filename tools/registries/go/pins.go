// Package pins holds the Go modules the generated registries (out/<stack>/exporter/go/metrics.gen.go) are tested
// against. The imports keep `go mod tidy` from dropping them; test/registries/go.test.ts copies go.mod and go.sum.
package pins

import (
	_ "github.com/prometheus/client_golang/prometheus"
	_ "github.com/prometheus/client_golang/prometheus/promhttp"
	_ "github.com/prometheus/client_golang/prometheus/testutil"
)
