// Command platform is the seed's self-healing platform service, reduced to what its metrics need: net/http on the
// generated registry (platformmetrics, copied from out/platform/exporter/go/metrics.gen.go), with demo endpoints
// that raise an anomaly or run a healing action, and /metrics served from the stack's own registry.
//
//	go run . --port 8000
//	npx stackc conform platform http://127.0.0.1:8000/metrics
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"stackc.example/platform/platformmetrics"
)

// maxDemoAction bounds how long a pretend healing action may run.
const maxDemoAction = 5 * time.Second

func main() {
	host := flag.String("host", "127.0.0.1", "address to listen on")
	port := flag.Int("port", 8000, "port to listen on")
	flag.Parse()

	// the stack's metrics only: no Go runtime or process collectors the stack does not declare
	reg := prometheus.NewRegistry()
	m, err := platformmetrics.New(reg)
	if err != nil {
		log.Fatal(err)
	}
	platform := NewPlatform(m)
	scrape := promhttp.HandlerFor(reg, promhttp.HandlerOpts{EnableOpenMetrics: true})

	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"status": "healthy"})
	})
	mux.HandleFunc("GET "+platformmetrics.MetricsPath, func(w http.ResponseWriter, r *http.Request) {
		platform.Refresh()
		scrape.ServeHTTP(w, r)
	})
	mux.HandleFunc("POST /api/v1/vitals", func(w http.ResponseWriter, r *http.Request) {
		var s SystemSample
		if !readJSON(w, r, &s) {
			return
		}
		platform.UpdateSystemMetrics(s)
		writeJSON(w, http.StatusOK, map[string]any{"recorded": true})
	})
	mux.HandleFunc("POST /simulate/anomaly", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			AnomalyType string `json:"anomaly_type"`
			Severity    string `json:"severity"`
		}
		if !readJSON(w, r, &body) {
			return
		}
		anomalyType, ok := platformmetrics.ParseAnomaliesDetectedTotalAnomalyType(body.AnomalyType)
		if !ok {
			badRequest(w, fmt.Sprintf("anomaly_type %q is not one the stack declares", body.AnomalyType))
			return
		}
		severity, ok := platformmetrics.ParseAnomaliesDetectedTotalSeverity(body.Severity)
		if !ok {
			badRequest(w, fmt.Sprintf("severity %q is not one the stack declares", body.Severity))
			return
		}
		platform.RecordAnomaly(anomalyType, severity)
		writeJSON(w, http.StatusOK, map[string]any{"recorded": true})
	})
	mux.HandleFunc("POST /simulate/healing", func(w http.ResponseWriter, r *http.Request) {
		body := struct {
			ActionType      string  `json:"action_type"`
			Succeeded       bool    `json:"succeeded"`
			DurationSeconds float64 `json:"duration_seconds"`
		}{Succeeded: true}
		if !readJSON(w, r, &body) {
			return
		}
		action, ok := ParseHealingAction(body.ActionType)
		if !ok {
			badRequest(w, fmt.Sprintf("action_type %q is not one the stack declares", body.ActionType))
			return
		}
		// a pretend action: it runs for duration_seconds (at most maxDemoAction), then ends as asked
		started := platform.HealingStarted(action)
		time.Sleep(min(max(time.Duration(body.DurationSeconds*float64(time.Second)), 0), maxDemoAction))
		took := platform.RecordHealingAction(action, started, body.Succeeded)
		writeJSON(w, http.StatusOK, map[string]any{"action_type": action.String(), "succeeded": body.Succeeded, "duration_seconds": took.Seconds()})
	})

	// requests_total{method, route, status} and request_duration_seconds{route}, by the route templates of the mux's
	// patterns: an unknown path is "unmatched", never a series of its own
	routes := []string{"/health", platformmetrics.MetricsPath, "/api/v1/vitals", "/simulate/anomaly", "/simulate/healing"}
	addr := net.JoinHostPort(*host, fmt.Sprint(*port))
	server := &http.Server{Addr: addr, Handler: m.Middleware(routes, mux), ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(server.ListenAndServe())
}

func readJSON(w http.ResponseWriter, r *http.Request, into any) bool {
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(into); err != nil {
		badRequest(w, "the body is not the JSON expected: "+err.Error())
		return false
	}
	return true
}

func badRequest(w http.ResponseWriter, message string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"error": message})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body) // a client gone away is no error of ours
}
