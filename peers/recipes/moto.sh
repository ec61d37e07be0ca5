# moto (https://github.com/getmoto/moto), the AWS mock, with its HTTP server, from PyPI into a
# virtual environment inside the cache. It serves Secrets Manager, SSM Parameter Store and STS.
peer_version() { echo "$MOTO_VERSION"; }

peer_build() {
  python3 -m venv "$OUT/venv" || return 1
  "$OUT/venv/bin/pip" install --disable-pip-version-check --no-input "moto[server]==$MOTO_VERSION" || return 1
  # The venv's own scripts carry the build folder's path in their #! line and the cache folder
  # is renamed when the recipe succeeds, so the program is started through the venv's python.
  cat > "$OUT/bin/moto_server" <<'SH'
#!/bin/sh
here="$(cd "$(dirname "$0")/.." && pwd)"
exec "$here/venv/bin/python" -m moto.server "$@"
SH
  chmod +x "$OUT/bin/moto_server"
  "$OUT/bin/moto_server" --help >/dev/null
}
