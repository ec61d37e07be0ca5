# kube-apiserver from k8s.io/kubernetes at $KUBE_APISERVER_VERSION (peers/versions.env).
# k8s.io/kubernetes cannot be required as is: its go.mod replaces every staging module
# (k8s.io/api, k8s.io/apiserver, ...) with a folder inside its own repository, and replace
# directives of a dependency are ignored. A wrapper module therefore requires k8s.io/kubernetes
# and replaces each of those staging modules with its published v0.X.Y of the same release.
peer_version() { echo "$KUBE_APISERVER_VERSION"; }

peer_build() {
  local kube="$KUBE_APISERVER_VERSION" staging gomod godirective
  staging="v0.${kube#v1.}"   # v1.37.2 -> v0.37.2
  gomod="$(go mod download -json "k8s.io/kubernetes@$kube" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')"
  [[ -f "$gomod" ]] || { echo "no go.mod for k8s.io/kubernetes@$kube" >&2; return 1; }
  godirective="$(awk '$1 == "go" { print $2; exit }' "$gomod")"
  {
    echo "module coffer.dev/peers/kube-apiserver"
    echo
    echo "go $godirective"
    echo
    echo "require k8s.io/kubernetes $kube"
    echo
    echo "replace ("
    # every "k8s.io/x => ./staging/src/k8s.io/x" line of kubernetes' go.mod
    awk '$2 == "=>" && $3 ~ /^\.\/staging\/src\// { print "\t" $1 " => " $1 " '"$staging"'" }' "$gomod"
    echo ")"
  } > go.mod
  cat go.mod
  cat > tools.go <<'GO'
//go:build tools

package tools

import _ "k8s.io/kubernetes/cmd/kube-apiserver"
GO
  go mod tidy
  # the version stamp Kubernetes' own build sets (hack/lib/version.sh), so /version tells the release
  local minor="${kube#v1.}"; minor="${minor%%.*}"
  local stamp="-X k8s.io/component-base/version.gitVersion=$kube -X k8s.io/component-base/version.gitMajor=1"
  stamp+=" -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean"
  CGO_ENABLED=0 nice -n 10 go build -trimpath -ldflags="-s -w $stamp" -o "$OUT/bin/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
  "$OUT/bin/kube-apiserver" --version
}
