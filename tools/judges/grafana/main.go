// Command grafana-dashboards judges dashboard JSON files by the Grafana Foundation SDK's Go types: each file is decoded
// strictly (UnmarshalJSONStrict: an unknown field, a wrong type or a missing required field fails) into the SDK's
// dashboard model, panel options and field config by the panel type's own model and targets by the datasource's query
// model (the SDK's plugin registry), then checked by the SDK's Validate.
//
// Usage: grafana-dashboards FILE...   prints `FILE: PATH: MESSAGE` per failure; exit 1 when one failed, 2 on misuse.
//
//	grafana-dashboards --version     prints the SDK version it was built with.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/cog/plugins"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
)

const sdkModule = "github.com/grafana/grafana-foundation-sdk/go"

// failure is one thing the SDK rejected, at a JSON path in the file (`panels[2].options.legend`).
type failure struct {
	path    string
	message string
}

func main() {
	args := os.Args[1:]
	if len(args) == 1 && args[0] == "--version" {
		fmt.Printf("grafana-dashboards version %s (%s)\n", strings.TrimPrefix(sdkVersion(), "v"), sdkModule)
		return
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(os.Stderr, "usage: grafana-dashboards FILE... | --version")
		os.Exit(2)
	}
	// panels' options and field config, and targets, are decoded by the registered panel and query types
	plugins.RegisterDefaultPlugins()
	failed := false
	for _, file := range args {
		raw, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		failures := judge(raw)
		// the SDK reports unexpected fields in map order: sorted, the same file always reads the same
		sort.SliceStable(failures, func(i, j int) bool {
			return failures[i].path < failures[j].path || failures[i].path == failures[j].path && failures[i].message < failures[j].message
		})
		for _, f := range failures {
			failed = true
			fmt.Printf("%s: %s: %s\n", file, f.path, f.message)
		}
	}
	if failed {
		os.Exit(1)
	}
}

// sdkVersion is the SDK module's version recorded in the binary's build information.
func sdkVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == sdkModule {
				return dep.Version
			}
		}
	}
	return "(unknown)"
}

func judge(raw []byte) []failure {
	var d dashboard.Dashboard
	failures := buildFailures("", d.UnmarshalJSONStrict(raw))
	failures = append(failures, buildFailures("", d.Validate())...)
	for i, p := range d.Panels {
		at := "panels[" + strconv.Itoa(i) + "]"
		if p.Panel != nil {
			failures = append(failures, judgePanel(at, *p.Panel)...)
		}
		if p.RowPanel != nil {
			for j, inRow := range p.RowPanel.Panels {
				failures = append(failures, judgePanel(at+".panels["+strconv.Itoa(j)+"]", inRow)...)
			}
		}
	}
	return append(failures, strictFieldConfigs(raw)...)
}

// judgePanel checks what the dashboard's Validate leaves out: that the panel type is one the SDK models (else its
// options would be decoded as any JSON), and its options' and custom field config's own constraints.
func judgePanel(at string, p dashboard.Panel) []failure {
	if _, known := cog.ConfigForPanelcfgVariant(p.Type); !known {
		return []failure{{at + ".type", fmt.Sprintf("panel type %q is not one of the SDK's panel types", p.Type)}}
	}
	var failures []failure
	if v, ok := p.Options.(interface{ Validate() error }); ok {
		failures = append(failures, buildFailures(at+".options", v.Validate())...)
	}
	if p.FieldConfig != nil {
		if v, ok := p.FieldConfig.Defaults.Custom.(interface{ Validate() error }); ok {
			failures = append(failures, buildFailures(at+".fieldConfig.defaults.custom", v.Validate())...)
		}
	}
	return failures
}

// strictFieldConfigs decodes each panel's fieldConfig strictly: the SDK's strict Panel decoding is strict only about
// fieldConfig.defaults.custom, and reads the rest (unit, min, thresholds, overrides) leniently.
func strictFieldConfigs(raw []byte) []failure {
	type panelJSON struct {
		FieldConfig json.RawMessage `json:"fieldConfig"`
		Panels      []struct {
			FieldConfig json.RawMessage `json:"fieldConfig"`
		} `json:"panels"`
	}
	var d struct {
		Panels []panelJSON `json:"panels"`
	}
	if json.Unmarshal(raw, &d) != nil {
		return nil // the strict decoding above has said why
	}
	var failures []failure
	check := func(at string, fc json.RawMessage) {
		if len(fc) > 0 && string(fc) != "null" {
			failures = append(failures, buildFailures(at+".fieldConfig", new(dashboard.FieldConfigSource).UnmarshalJSONStrict(fc))...)
		}
	}
	for i, p := range d.Panels {
		at := "panels[" + strconv.Itoa(i) + "]"
		check(at, p.FieldConfig)
		for j, inRow := range p.Panels {
			check(at+".panels["+strconv.Itoa(j)+"]", inRow.FieldConfig)
		}
	}
	return failures
}

// buildFailures flattens the SDK's errors into failures at JSON paths under `at`.
func buildFailures(at string, err error) []failure {
	if err == nil {
		return nil
	}
	var built cog.BuildErrors
	if !errors.As(err, &built) {
		var one *cog.BuildError
		if !errors.As(err, &one) {
			return []failure{{orRoot(at), err.Error()}}
		}
		built = cog.BuildErrors{one}
	}
	failures := make([]failure, 0, len(built))
	for _, b := range built {
		failures = append(failures, failure{orRoot(join(at, jsonPath(b.Path))), b.Message})
	}
	return failures
}

// jsonPath drops the Go type name the SDK puts last on an unexpected field's path (`options.Options`), which is not
// a JSON key.
func jsonPath(path string) string {
	dot := strings.LastIndex(path, ".")
	last := path[dot+1:]
	if last != "" && unicode.IsUpper(rune(last[0])) {
		return path[:max(dot, 0)]
	}
	return path
}

func join(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "." + b
}

func orRoot(path string) string {
	if path == "" {
		return "(dashboard)"
	}
	return path
}
