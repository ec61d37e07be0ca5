# kubeseal, the Sealed Secrets CLI, built from its Go module at the pinned release.
# The release's go.mod declares the module as github.com/bitnami/sealed-secrets while the proxy
# serves it as github.com/bitnami-labs/sealed-secrets, so `go install path@version` refuses it;
# a wrapper module requires the declared path and replaces it with the served one.
peer_version() { echo "$KUBESEAL_VERSION"; }

peer_build() {
  cat > go.mod <<MOD
module coffer.dev/peers/kubeseal

go 1.26

require github.com/bitnami/sealed-secrets $VERSION

replace github.com/bitnami/sealed-secrets => github.com/bitnami-labs/sealed-secrets $VERSION

tool github.com/bitnami/sealed-secrets/cmd/kubeseal
MOD
  nice -n 10 go mod tidy
  nice -n 10 go build -trimpath -ldflags "-X main.VERSION=$VERSION" -o "$OUT/bin/kubeseal" \
    github.com/bitnami/sealed-secrets/cmd/kubeseal
  "$OUT/bin/kubeseal" --version
}
