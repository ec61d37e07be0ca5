# PostgreSQL from Debian, for Vault's database secrets engine. Nothing is compiled: the
# recipe installs the distribution's server when it is missing and links its programs into
# the cache, so the tests find them like any other peer. The harness runs initdb into a
# temporary folder and starts the server on a free loopback port.
peer_version() { echo "$POSTGRES_VERSION"; }

peer_build() {
  local bindir="/usr/lib/postgresql/$POSTGRES_VERSION/bin"
  if [[ ! -x "$bindir/initdb" ]]; then
    local sudo=""
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    $sudo apt-get update || return 1
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "postgresql-$POSTGRES_VERSION" || return 1
  fi
  # The programs find their share/ and lib/ folders through their real path, so links do.
  for p in initdb postgres pg_ctl pg_isready psql; do
    ln -s "$bindir/$p" "$OUT/bin/$p" || return 1
  done
  "$OUT/bin/postgres" --version || return 1
}
