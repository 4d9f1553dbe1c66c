#!/usr/bin/env bash
# Build the real kube-apiserver, kube-controller-manager and etcd that the API-server tests run against
# (test/helpers/apiserver.ts), and put them in <repo>/.tools/bin.
#
# They are built from Go modules (the Go module proxy is the only network used) by the small build module in
# test/apiserver/build/: it requires k8s.io/kubernetes and replaces each k8s.io/* staging module with the
# matching published release; etcd is built from go.etcd.io/etcd/server/v3 at the version k8s.io/kubernetes
# itself requires (see test/apiserver/build/go.mod).
#
# A cold build is CPU-heavy (see docs/testing.md for the measured time). The binaries are cached outside the
# clone, by version and by the hash of the build module, in
#   ${KUBEWARD_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubeward/tools}/<name>-<version>-<hash>/<name>
# and copied into .tools/bin, so a fresh clone on the same machine (CI) only copies them. Go's own build and
# module caches stay where Go keeps them by default, so even a changed build module mostly skips compiling.
#
# Environment:
#   KUBEWARD_TOOLS_CACHE   where built binaries are cached (default above)
#   KUBEWARD_APISERVER_NICE  niceness of the build (default 10)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$repo/.tools/bin"
mod="$repo/test/apiserver/build"
cache="${KUBEWARD_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubeward/tools}"
nice_level="${KUBEWARD_APISERVER_NICE:-10}"

if ! command -v go >/dev/null 2>&1; then
  echo "install-apiserver: no Go toolchain on PATH: cannot build kube-apiserver/etcd (the API-server tests need them)" >&2
  exit 1
fi

# Versions come from the build module, so go.mod is the single place to change them.
k8s_version="$(cd "$mod" && go list -m -f '{{.Version}}' k8s.io/kubernetes)"
etcd_version="$(cd "$mod" && go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3)"
if [[ -z "$k8s_version" || -z "$etcd_version" ]]; then
  echo "install-apiserver: cannot read the k8s.io/kubernetes and etcd versions from $mod/go.mod" >&2
  exit 1
fi
hash="$(cat "$mod/go.mod" "$mod/go.sum" "$mod/etcd/main.go" | sha256sum | cut -c1-12)"

# kube-apiserver reports this version (and PodSecurity and discovery use it); without it it says v0.0.0-master.
minor="${k8s_version#v1.}"; minor="${minor%%.*}"
ldflags="-s -w \
  -X k8s.io/component-base/version.gitVersion=$k8s_version \
  -X k8s.io/component-base/version.gitMajor=1 \
  -X k8s.io/component-base/version.gitMinor=$minor \
  -X k8s.io/component-base/version.gitTreeState=clean \
  -X k8s.io/client-go/pkg/version.gitVersion=$k8s_version \
  -X k8s.io/client-go/pkg/version.gitMajor=1 \
  -X k8s.io/client-go/pkg/version.gitMinor=$minor"

mkdir -p "$bin" "$cache"

# install NAME VERSION PACKAGE: build PACKAGE (unless cached) and copy it to .tools/bin/NAME.
install_one() {
  local name="$1" version="$2" pkg="$3"
  local dir="$cache/$name-$version-$hash"
  if [[ -x "$dir/$name" ]]; then
    echo "install-apiserver: $name $version: cached in $dir"
  else
    echo "install-apiserver: $name $version: building $pkg (go $(go env GOVERSION), nice $nice_level) ..."
    local start=$SECONDS
    mkdir -p "$dir"
    (cd "$mod" && CGO_ENABLED=0 nice -n "$nice_level" go build -trimpath -ldflags "$ldflags" -o "$dir/.$name.tmp" "$pkg")
    mv -f "$dir/.$name.tmp" "$dir/$name"
    echo "install-apiserver: $name $version: built in $((SECONDS - start)) s"
  fi
  # Copy then rename, so a concurrent reader never sees a half-written binary.
  cp "$dir/$name" "$bin/.$name.tmp"
  chmod 0755 "$bin/.$name.tmp"
  mv -f "$bin/.$name.tmp" "$bin/$name"
  echo "install-apiserver: $name -> $bin/$name"
}

install_one etcd "$etcd_version" ./etcd
install_one kube-apiserver "$k8s_version" k8s.io/kubernetes/cmd/kube-apiserver
install_one kube-controller-manager "$k8s_version" k8s.io/kubernetes/cmd/kube-controller-manager

echo "install-apiserver: $("$bin/kube-apiserver" --version 2>&1 | head -n 1), etcd $("$bin/etcd" --version 2>&1 | head -n 1 | awk '{print $NF}')"
