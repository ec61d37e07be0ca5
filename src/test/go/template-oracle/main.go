// Command template-oracle renders Go text/template cases the way external-secrets does, so that
// Coffer's template engine (dev.coffer.template) can be judged by Go itself.
//
// It reads one JSON array of cases on stdin and writes one JSON array of results on stdout, in
// the same order. A case is {"name": "...", "template": "...", "data": <any JSON>, "missingkey":
// "error"}; a result is {"output": "<base64 of the bytes written>"} or {"error": "<message>"}.
// Numbers in data that are integers become Go ints (as the Java side's YAML reader gives
// Integer/Long); other numbers become float64.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/template"
)

type oracleCase struct {
	Name       string          `json:"name"`
	Template   string          `json:"template"`
	Data       json.RawMessage `json:"data"`
	MissingKey string          `json:"missingkey"`
}

type oracleResult struct {
	Output *string `json:"output,omitempty"`
	Error  *string `json:"error,omitempty"`
}

func main() {
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail("reading stdin: %v", err)
	}
	var cases []oracleCase
	if err := json.Unmarshal(input, &cases); err != nil {
		fail("cases are not a JSON array of cases: %v", err)
	}
	results := make([]oracleResult, 0, len(cases))
	for _, c := range cases {
		results = append(results, render(c))
	}
	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false)
	if err := out.Encode(results); err != nil {
		fail("writing results: %v", err)
	}
}

func render(c oracleCase) (result oracleResult) {
	// A panic inside a function is reported by text/template as an error already; this guards
	// the oracle's own code so one bad case never hides the others.
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprintf("oracle panic: %v", r)
			result = oracleResult{Error: &msg}
		}
	}()
	data, err := decodeData(c.Data)
	if err != nil {
		msg := "oracle: bad data: " + err.Error()
		return oracleResult{Error: &msg}
	}
	name := c.Name
	if name == "" {
		name = "t"
	}
	missingKey := c.MissingKey
	if missingKey == "" {
		missingKey = "error"
	}
	t, err := template.New(name).Option("missingkey=" + missingKey).Funcs(funcMap()).Parse(c.Template)
	if err != nil {
		msg := err.Error()
		return oracleResult{Error: &msg}
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		msg := err.Error()
		return oracleResult{Error: &msg}
	}
	encoded := base64.StdEncoding.EncodeToString(buf.Bytes())
	return oracleResult{Output: &encoded}
}

// decodeData reads JSON with integers kept as int, as the Java side hands them to its engine.
func decodeData(raw json.RawMessage) (any, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return convertNumbers(v), nil
}

func convertNumbers(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = convertNumbers(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = convertNumbers(e)
		}
		return x
	case json.Number:
		if !strings.ContainsAny(x.String(), ".eE") {
			if i, err := x.Int64(); err == nil {
				return int(i)
			}
		}
		f, _ := x.Float64()
		return f
	default:
		return v
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "template-oracle: "+format+"\n", args...)
	os.Exit(2)
}
