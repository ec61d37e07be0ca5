package main

import (
	"text/template"

	esotemplate "github.com/external-secrets/external-secrets/pkg/template/v2"
)

// funcMap is ESO's own template function map (sprig v3 without env/expandenv, plus ESO's
// pkcs12, PEM, JWK and YAML functions), less what Coffer leaves out on purpose: templates must
// not reach DNS (getHostByName) and never receive function values (call is a builtin, not here).
func funcMap() template.FuncMap {
	funcs := template.FuncMap{}
	for name, fn := range esotemplate.FuncMap() {
		funcs[name] = fn
	}
	delete(funcs, "getHostByName")
	return funcs
}
