// The judge of stackc's annotation renderer (compiler/rule-tests/template/): renders alert templates through
// Prometheus' own template package, with the data and the header its ruler gives an alert's annotations
// (rules/alerting.go) and what `promtool test rules` passes for the rest (no external URL object, no query engine).
// Reads a JSON array of cases on stdin and writes one JSON result per case, in order, as a JSON array.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/promql"
	"github.com/prometheus/prometheus/template"
)

type testCase struct {
	Template       string            `json:"template"`
	Labels         map[string]string `json:"labels"`
	Value          string            `json:"value"` // a Go float literal: JSON has no NaN, Inf or -0
	ExternalLabels map[string]string `json:"externalLabels"`
	ExternalURL    string            `json:"externalURL"`
}

type result struct {
	Output *string `json:"output,omitempty"`
	Error  *string `json:"error,omitempty"`
}

// the header rules/alerting.go puts before every annotation
var defs = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}"

func expand(c testCase) result {
	value, err := strconv.ParseFloat(c.Value, 64)
	if err != nil {
		msg := "bad value: " + err.Error()
		return result{Error: &msg}
	}
	labels := c.Labels
	if labels == nil {
		labels = map[string]string{}
	}
	external := c.ExternalLabels
	if external == nil {
		external = map[string]string{}
	}
	data := template.AlertTemplateData(labels, external, c.ExternalURL, promql.Sample{F: value})
	noQuery := func(context.Context, string, time.Time) (promql.Vector, error) {
		return nil, errors.New("no query engine")
	}
	// promtool's rule manager has no external URL object: nil, as in `promtool test rules`
	tmpl := template.NewTemplateExpander(context.Background(), strings.Join([]string{defs, c.Template}, ""), "__alert_Test", data, model.Time(0), noQuery, nil, nil)
	out, err := tmpl.Expand()
	if err != nil {
		msg := err.Error()
		return result{Error: &msg}
	}
	return result{Output: &out}
}

func main() {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		os.Stderr.WriteString("template judge: cannot read the cases: " + err.Error() + "\n")
		os.Exit(2)
	}
	results := make([]result, len(cases))
	for i, c := range cases {
		results[i] = expand(c)
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		os.Stderr.WriteString("template judge: " + err.Error() + "\n")
		os.Exit(2)
	}
}
