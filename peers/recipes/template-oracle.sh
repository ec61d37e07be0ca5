# The Go template oracle: the small program under src/test/go/template-oracle (Go's text/template
# with external-secrets' own function map and sprig v3), built with the Go toolchain. It is
# versioned by a hash of its source files, so editing it builds afresh; the Java side
# (PeerBinaries.sourceTreeHash) computes the very same hash to find it.
ORACLE_SRC="$REPO_DIR/src/test/go/template-oracle"

# sha256 over the lines "<sha256 of file>  <path relative to DIR>" of every file, sorted by
# path (byte order); the first 16 hex digits.
tree_hash() {
  (cd "$1" && find . -type f -printf '%P\n' | LC_ALL=C sort | while IFS= read -r f; do
    printf '%s  %s\n' "$(sha256sum < "$f" | cut -d' ' -f1)" "$f"
  done) | sha256sum | cut -c1-16
}

peer_version() { tree_hash "$ORACLE_SRC"; }

peer_build() {
  (cd "$ORACLE_SRC" && nice -n 10 go build -mod=readonly -trimpath -o "$OUT/bin/template-oracle" .)
}
