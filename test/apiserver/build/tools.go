//go:build tools

// Keeps the programs built by scripts/install-apiserver.sh in this module's requirements.
package build

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
)
