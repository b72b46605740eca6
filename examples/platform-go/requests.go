package main

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"stackc.example/platform/platformmetrics"
)

// unmatchedRoute is the route of every request the mux has no pattern for: unknown paths cost one series, not one each.
const unmatchedRoute = "unmatched"

// recordRequests counts every request in requests_total and times it in request_duration_seconds by the pattern
// the mux matched (Request.Pattern), never by the raw path as the seed did. The generated package carries a
// Middleware only for a stack whose request counter has every label open; the platform declares its methods (the
// nine standard ones and OTHER), so the app records its requests itself, through the same typed metrics.
func recordRequests(m *platformmetrics.Metrics, mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			status := rec.status
			if status == 0 {
				status = http.StatusOK // a handler that writes nothing answers 200
			}
			if v := recover(); v != nil {
				status = http.StatusInternalServerError
				defer panic(v) // net/http logs it and drops the connection, as without the middleware
			}
			route := routeOf(r.Pattern)
			method, ok := platformmetrics.ParseRequestsTotalMethod(r.Method)
			if !ok {
				method = platformmetrics.RequestsTotalMethodOTHER
			}
			m.RequestsTotal.Inc(method, route, strconv.Itoa(status))
			m.RequestDurationSeconds.Observe(route, time.Since(start).Seconds())
		}()
		mux.ServeHTTP(rec, r) // sets r.Pattern on this request
	})
}

// routeOf is a mux pattern without its method ("POST /simulate/anomaly" → "/simulate/anomaly").
func routeOf(pattern string) string {
	if pattern == "" {
		return unmatchedRoute
	}
	if i := strings.IndexByte(pattern, ' '); i >= 0 {
		return pattern[i+1:]
	}
	return pattern
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer (Flush, deadlines).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
