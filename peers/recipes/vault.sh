# HashiCorp Vault, built from its Go module (github.com/hashicorp/vault, main package at the root).
# OpenBao would do as well (same HTTP API), but the Go module proxy refuses its module.
#
# Vault's own go.mod points api/, api/auth/* and sdk/ at folders that are not in the module zip,
# so it cannot be built with `go install ...@version`. Instead a throw-away wrapper module
# requires it, repeats its non-local replace lines, and pins the published api/sdk modules that
# match the tree of this release.
peer_version() { echo "$VAULT_VERSION"; }

# Published companions of the pinned release. v1.21.0 because its go.mod names sdk and api
# versions that were published from the same tree (sdk v0.20.0, api v1.22.0), so they match the
# code that calls them. v1.21.4 (the first pin) does not build from the module proxy: it calls sdk
# code no published sdk release has (v0.21.0 lacks GetConsumptionBillingManager, v0.24.0 lacks
# PkiCertificateCounter and has another ActivationFunc signature).
# The auth modules at the first releases built on that api (the v0.1.0 its go.mod names is old
# enough to drag in sdk v0.3.0 and grpc v1.41, whose envoy packages then clash).
VAULT_API_VERSION=v1.22.0
VAULT_SDK_VERSION=v0.20.0
VAULT_APPROLE_VERSION=v0.12.0
VAULT_USERPASS_VERSION=v0.12.0
VAULT_KUBERNETES_AUTH_VERSION=v0.12.0

peer_build() {
  cat > go.mod <<GOMOD
module coffer.dev/peers/vault

go 1.25.3

require (
	github.com/hashicorp/vault $VAULT_VERSION
	github.com/hashicorp/vault/api $VAULT_API_VERSION
	github.com/hashicorp/vault/sdk $VAULT_SDK_VERSION
	github.com/hashicorp/vault/api/auth/approle $VAULT_APPROLE_VERSION
	github.com/hashicorp/vault/api/auth/userpass $VAULT_USERPASS_VERSION
	github.com/hashicorp/vault/api/auth/kubernetes $VAULT_KUBERNETES_AUTH_VERSION
)

replace github.com/99designs/keyring => github.com/Jeffail/keyring v1.2.3

replace github.com/ma314smith/signedxml v1.1.1 => github.com/moov-io/signedxml v1.1.1
GOMOD
  # -mod=mod records the checksums the build needs (the wrapper has no code of its own).
  # Recipes run inside an `if`, where errexit is off: each step stops the build itself.
  CGO_ENABLED=0 nice -n 10 go build -mod=mod -trimpath -ldflags='-s -w' -o "$OUT/bin/vault" \
    github.com/hashicorp/vault || return 1
  "$OUT/bin/vault" version || return 1
}
