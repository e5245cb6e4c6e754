#!/usr/bin/env bash
# Provisions a real kube-apiserver (built from Go modules) and etcd for the kube test tier.
# Idempotent: binaries are cached outside the repo, keyed by version, and reused when present.
#
#   scripts/kube/provision.sh        # prints KUBE_APISERVER=<path> and ETCD=<path> on success
#
# Why a wrapper module: k8s.io/kubernetes cannot be `go install`ed, because its go.mod requires the
# k8s.io/* staging modules at v0.0.0 and replaces them with ./staging/src/... paths that only exist
# in its own repository. A tiny module that requires k8s.io/kubernetes and replaces every staging
# module with its published v0.X.Y release (generated from that release's own go.mod) builds it.
set -euo pipefail

KUBE_VERSION="${KUBE_VERSION:-1.34.4}"
# etcd: Debian's etcd-server (3.4.x) when the apiserver accepts it, else a 3.5 build (ETCD_SOURCE=build).
ETCD_SOURCE="${ETCD_SOURCE:-debian}"
ETCD_VERSION="${ETCD_VERSION:-3.5.21}"

CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/vscode-fluentd"
KUBE_DIR="$CACHE_ROOT/kube-$KUBE_VERSION"
APISERVER="$KUBE_DIR/bin/kube-apiserver"

log() { echo "provision: $*" >&2; }
die() { echo "provision: error: $*" >&2; exit 1; }

# Same flags for every build: small, reproducible binaries; the module graph may be resolved freshly.
export GOFLAGS="-mod=mod"
export CGO_ENABLED=0
# Go >= 1.25 derives GOMAXPROCS from the cgroup CPU limit, so `go build -p` matches the CPUs we may
# actually use; the compile of kube-apiserver's ~3000 packages is CPU bound, the link memory bound.
BUILD_FLAGS=(-trimpath "-ldflags=-s -w")

mkdir -p "$KUBE_DIR/bin"
# One provisioning at a time per version (parallel test runs share the cache).
exec 9>"$KUBE_DIR/.lock"
flock 9

need_go() {
  command -v go >/dev/null || die "Go is required to build $1 (https://go.dev/dl); 'go' is not on PATH"
}

build_apiserver() {
  need_go kube-apiserver
  local staging="v0.${KUBE_VERSION#1.}"
  local src="$KUBE_DIR/src"
  rm -rf "$src" && mkdir -p "$src"
  log "fetching k8s.io/kubernetes@v$KUBE_VERSION metadata"
  local modfile
  modfile=$(go mod download -json "k8s.io/kubernetes@v$KUBE_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')
  [ -f "$modfile" ] || die "could not download k8s.io/kubernetes@v$KUBE_VERSION (no go.mod at '$modfile')"
  local gover
  gover=$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$modfile" | head -1)
  {
    echo "module vscode-fluentd/kube-apiserver-build"
    echo
    echo "go ${gover:-1.24.0}"
    echo
    echo "require k8s.io/kubernetes v$KUBE_VERSION"
    echo
    echo "replace ("
    # Every `k8s.io/x => ./staging/src/k8s.io/x` of the release becomes `k8s.io/x => k8s.io/x v0.Y.Z`.
    sed -n 's#^[[:space:]]*\(k8s\.io/[^ ]*\) => \./staging/src/.*$#\t\1 => \1 '"$staging"'#p' "$modfile"
    echo ")"
  } >"$src/go.mod"
  grep -q "k8s.io/client-go => k8s.io/client-go $staging" "$src/go.mod" \
    || die "no staging replace directives found in $modfile"
  log "building kube-apiserver v$KUBE_VERSION (cold builds take a while on few cores)"
  local start=$SECONDS
  # Stamp the release into the binary (what /version reports), as the Kubernetes build does.
  local minor="${KUBE_VERSION#1.}"; minor="${minor%%.*}"
  local vpkg=k8s.io/component-base/version
  local ldflags="-s -w -X $vpkg.gitVersion=v$KUBE_VERSION -X $vpkg.gitMajor=1 -X $vpkg.gitMinor=$minor -X $vpkg.gitTreeState=clean"
  (cd "$src" && go build -trimpath "-ldflags=$ldflags" -o "$APISERVER.tmp" k8s.io/kubernetes/cmd/kube-apiserver) \
    || die "go build k8s.io/kubernetes/cmd/kube-apiserver@v$KUBE_VERSION failed (see above)"
  mv "$APISERVER.tmp" "$APISERVER"
  log "kube-apiserver built in $((SECONDS - start))s"
}

build_etcd() {
  local dir="$CACHE_ROOT/etcd-$ETCD_VERSION"
  local bin="$dir/bin/etcd"
  if [ -x "$bin" ]; then echo "$bin"; return; fi
  need_go etcd
  mkdir -p "$dir/src" "$dir/bin"
  local modfile
  modfile=$(go mod download -json "go.etcd.io/etcd/server/v3@v$ETCD_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')
  [ -f "$modfile" ] || die "could not download go.etcd.io/etcd/server/v3@v$ETCD_VERSION"
  {
    echo "module vscode-fluentd/etcd-build"
    echo
    echo "go 1.23"
    echo
    echo "require go.etcd.io/etcd/server/v3 v$ETCD_VERSION"
    echo
    echo "replace ("
    # The server's siblings (api, client, pkg, …) are replaced by ../ paths in its go.mod.
    sed -n 's#^[[:space:]]*\(go\.etcd\.io/etcd/[^ ]*\) => \.\./.*$#\t\1 => \1 v'"$ETCD_VERSION"'#p' "$modfile"
    echo ")"
  } >"$dir/src/go.mod"
  log "building etcd v$ETCD_VERSION"
  (cd "$dir/src" && go build "${BUILD_FLAGS[@]}" -o "$bin.tmp" go.etcd.io/etcd/server/v3) >&2 \
    || die "go build go.etcd.io/etcd/server/v3@v$ETCD_VERSION failed (see above)"
  mv "$bin.tmp" "$bin"
  echo "$bin"
}

debian_etcd() {
  if ! command -v etcd >/dev/null; then
    command -v apt-get >/dev/null || die "etcd is missing and apt-get is not available (set ETCD_SOURCE=build)"
    log "installing Debian's etcd-server"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends etcd-server >&2 \
      || die "apt-get install etcd-server failed"
    # The package enables a system etcd on :2379; tests start their own on free ports.
    $SUDO systemctl disable --now etcd >/dev/null 2>&1 || true
  fi
  command -v etcd
}

[ -x "$APISERVER" ] || build_apiserver
case "$ETCD_SOURCE" in
  debian) ETCD_BIN=$(debian_etcd) ;;
  build) ETCD_BIN=$(build_etcd) ;;
  *) die "ETCD_SOURCE must be 'debian' or 'build', not '$ETCD_SOURCE'" ;;
esac

echo "KUBE_APISERVER=$APISERVER"
echo "ETCD=$ETCD_BIN"
