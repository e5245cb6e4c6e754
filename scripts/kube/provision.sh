#!/usr/bin/env bash
# Provisions a real control plane for the kube test tier, the bench and the demo, built from Go
# modules: kube-apiserver, kube-controller-manager and kube-scheduler (one wrapper module, one
# `go build`), kwok (simulated nodes that run pods to Ready and serve their logs) and etcd.
# Idempotent: binaries are cached outside the repo, keyed by version, and reused when present.
# kwok builds in the background while the Kubernetes binaries build (two modules, two links).
#
#   scripts/kube/provision.sh   # prints KUBE_APISERVER=, KUBE_CONTROLLER_MANAGER=, KUBE_SCHEDULER=,
#                               # KWOK=, KWOK_STAGES= (a folder of stage YAMLs) and ETCD= on success
#
# Why a wrapper module: k8s.io/kubernetes cannot be `go install`ed, because its go.mod requires the
# k8s.io/* staging modules at v0.0.0 and replaces them with ./staging/src/... paths that only exist
# in its own repository. A tiny module that requires k8s.io/kubernetes and replaces every staging
# module with its published v0.X.Y release (generated from that release's own go.mod) builds it.
set -euo pipefail

KUBE_VERSION="${KUBE_VERSION:-1.34.4}"
# etcd: a 3.5 build from Go modules (default), or Debian's etcd-server 3.4 (ETCD_SOURCE=debian). kwok's
# informers need 3.5's watch progress requests: with 3.4 a 3-node rollout took 2-10 s instead of 0.4 s.
ETCD_SOURCE="${ETCD_SOURCE:-build}"
ETCD_VERSION="${ETCD_VERSION:-3.5.21}"

KWOK_VERSION="${KWOK_VERSION:-0.8.0}"

CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/vscode-fluentd"
KUBE_DIR="$CACHE_ROOT/kube-$KUBE_VERSION"
APISERVER="$KUBE_DIR/bin/kube-apiserver"
CONTROLLER_MANAGER="$KUBE_DIR/bin/kube-controller-manager"
SCHEDULER="$KUBE_DIR/bin/kube-scheduler"
KWOK_DIR="$CACHE_ROOT/kwok-$KWOK_VERSION"
KWOK="$KWOK_DIR/bin/kwok"
KWOK_STAGES="$KWOK_DIR/stages"
KWOK_CRDS="$KWOK_DIR/crds"

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

# Builds whichever of kube-apiserver, kube-controller-manager and kube-scheduler is missing, in one
# `go build` so the packages they share compile once.
build_kube() {
  local cmds=()
  [ -x "$APISERVER" ] || cmds+=(kube-apiserver)
  [ -x "$CONTROLLER_MANAGER" ] || cmds+=(kube-controller-manager)
  [ -x "$SCHEDULER" ] || cmds+=(kube-scheduler)
  [ ${#cmds[@]} -gt 0 ] || return 0
  need_go "${cmds[*]}"
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
  log "building ${cmds[*]} v$KUBE_VERSION (cold builds take a while on few cores)"
  local start=$SECONDS
  # Stamp the release into the binaries (what /version reports), as the Kubernetes build does.
  local minor="${KUBE_VERSION#1.}"; minor="${minor%%.*}"
  local vpkg=k8s.io/component-base/version
  local ldflags="-s -w -X $vpkg.gitVersion=v$KUBE_VERSION -X $vpkg.gitMajor=1 -X $vpkg.gitMinor=$minor -X $vpkg.gitTreeState=clean"
  local out="$KUBE_DIR/bin/.tmp"
  rm -rf "$out" && mkdir -p "$out"
  (cd "$src" && go build -trimpath "-ldflags=$ldflags" -o "$out/" "${cmds[@]/#/k8s.io/kubernetes/cmd/}") \
    || die "go build of ${cmds[*]} (k8s.io/kubernetes@v$KUBE_VERSION) failed (see above)"
  for c in "${cmds[@]}"; do mv "$out/$c" "$KUBE_DIR/bin/$c"; done
  rmdir "$out"
  log "${cmds[*]} built in $((SECONDS - start))s"
}

# kwok (sigs.k8s.io/kwok): its own module, so a plain `go install`. Its stage definitions (what a
# simulated node or pod goes through) and CRDs (Logs, for per-pod log files) ship in the module,
# not the binary: copied next to it.
build_kwok() {
  mkdir -p "$KWOK_DIR"
  exec 8>"$KWOK_DIR/.lock"
  flock 8
  if [ -x "$KWOK" ] && [ -d "$KWOK_STAGES" ] && [ -d "$KWOK_CRDS" ]; then return 0; fi
  need_go kwok
  local start=$SECONDS
  if [ ! -x "$KWOK" ]; then
    log "building kwok v$KWOK_VERSION"
    rm -rf "$KWOK_DIR/bin.tmp"
    GOFLAGS= GOBIN="$KWOK_DIR/bin.tmp" go install -trimpath "-ldflags=-s -w" "sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION" \
      || die "go install sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION failed (see above)"
    rm -rf "$KWOK_DIR/bin" && mv "$KWOK_DIR/bin.tmp" "$KWOK_DIR/bin"
    log "kwok built in $((SECONDS - start))s"
  fi
  local moddir
  moddir=$(GOFLAGS= go mod download -json "sigs.k8s.io/kwok@v$KWOK_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  local from to
  for pair in "kustomize/stage:$KWOK_STAGES" "kustomize/crd/bases:$KWOK_CRDS"; do
    from="$moddir/${pair%%:*}" to="${pair#*:}"
    [ -d "$from" ] || die "kwok's ${pair%%:*} not found in '$moddir'"
    rm -rf "$to.tmp" && mkdir -p "$to.tmp" && cp -r "$from/." "$to.tmp/" && chmod -R u+w "$to.tmp"
    rm -rf "$to" && mv "$to.tmp" "$to"
  done
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
    # The server's siblings (api, client, pkg, …) are replaced by ../ paths in its go.mod; they
    # are released with the server's version, except client/v2 (3.5.21 -> v2.305.21).
    local minor="${ETCD_VERSION#*.}"; minor="${minor%%.*}"
    local v2="v2.3$(printf %02d "$minor").${ETCD_VERSION##*.}"
    sed -n 's#^[[:space:]]*\(go\.etcd\.io/etcd/[^ ]*\) => \.\./.*$#\t\1 => \1 v'"$ETCD_VERSION"'#p' "$modfile" \
      | sed 's#\(client/v2 => go\.etcd\.io/etcd/client/v2\) v.*$#\1 '"$v2"'#'
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

# kwok and etcd build in the background (their own modules), the Kubernetes binaries meanwhile:
# compiles and links of different modules overlap on two cores.
build_kwok >&2 &
kwok_pid=$!
etcd_out=$(mktemp)
trap 'rm -f "$etcd_out"' EXIT
case "$ETCD_SOURCE" in
  debian) debian_etcd >"$etcd_out" & ;;
  build) build_etcd >"$etcd_out" & ;;
  *) die "ETCD_SOURCE must be 'debian' or 'build', not '$ETCD_SOURCE'" ;;
esac
etcd_pid=$!
build_kube
wait "$etcd_pid" || die "providing etcd failed (see above)"
ETCD_BIN=$(tail -1 "$etcd_out")
wait "$kwok_pid" || die "building kwok failed (see above)"

echo "KUBE_APISERVER=$APISERVER"
echo "KUBE_CONTROLLER_MANAGER=$CONTROLLER_MANAGER"
echo "KUBE_SCHEDULER=$SCHEDULER"
echo "KWOK=$KWOK"
echo "KWOK_STAGES=$KWOK_STAGES"
echo "KWOK_CRDS=$KWOK_CRDS"
echo "ETCD=$ETCD_BIN"
