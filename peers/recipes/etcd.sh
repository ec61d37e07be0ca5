# etcd from go.etcd.io/etcd/server/v3 at $ETCD_VERSION (peers/versions.env): the server module
# has no main package of its own (upstream's lives in the repository's root module), so a
# few-line main calls etcdmain, exactly as upstream's does.
peer_version() { echo "$ETCD_VERSION"; }

peer_build() {
  cat > go.mod <<GOMOD
module coffer.dev/peers/etcd

go 1.25

require go.etcd.io/etcd/server/v3 $ETCD_VERSION
GOMOD
  cat > main.go <<'GO'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  go mod tidy
  CGO_ENABLED=0 nice -n 10 go build -trimpath -ldflags='-s -w' -o "$OUT/bin/etcd" .
  "$OUT/bin/etcd" --version
}
