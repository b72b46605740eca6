// deploy.sh: applies the numbered manifests in order (or the
// operator resources), waits for every Deployment with a timeout, and says how to reach Grafana. Fails before
// touching the cluster when kubectl or a Secret the pods need is missing.
import type { Stack } from '../../model.ts';
import { receiverSecrets } from './prometheus.ts';
import { componentName, ports } from './names.ts';
import { isDeployed, operatorOnly } from './placement.ts';
import { exporterWorkloadName } from './stack-exporters.ts';

/** `namespace kind/name` of each exporter's workload and `namespace/secret` of each Secret it reads. */
function exporterParts(stack: Stack): { rollouts: string[]; secrets: string[] } {
  return {
    rollouts: stack.exporters.map((e) => `${e.namespace} ${e.runsOn === 'every-node' ? 'daemonset' : 'deployment'}/${exporterWorkloadName(stack, e)}`),
    secrets: [...new Set(stack.exporters.flatMap((e) => e.credentialEnv.flatMap((s) => (s.secret ? [`${e.namespace}/${s.secret.secret}`] : []))))].sort(),
  };
}

/** The exporters' part of deploy.sh, only for a stack that lists exporters: their Secrets are checked in their own
 *  namespace, and their rollouts waited for in both modes (the operator scrapes them but does not run them). */
function exporterBlocks(stack: Stack): { vars: string; secrets: string; wait: string } {
  if (stack.exporters.length === 0) return { vars: '', secrets: '', wait: '' };
  const { rollouts, secrets } = exporterParts(stack);
  return {
    vars: `exporter_rollouts=(${quoted(rollouts)})\nexporter_secret_names=(${quoted(secrets)})\n`,
    secrets: `  for ref in "\${exporter_secret_names[@]}"; do
    if ! kubectl get secret "\${ref#*/}" -n "\${ref%%/*}" >/dev/null 2>&1; then
      echo "deploy.sh: Secret \${ref#*/} is missing in namespace \${ref%%/*}, where an exporter reads its credentials. Create it first, e.g.:" >&2
      echo "  kubectl create secret generic \${ref#*/} -n \${ref%%/*} --from-file=<key>=<file>   (keys: see docs/exporters.md)" >&2
      missing=1
    fi
  done
`,
    wait: `if [ -z "$dry_run" ]; then
  for rollout in "\${exporter_rollouts[@]}"; do
    echo "waiting for \${rollout#* } in \${rollout%% *} (timeout \${timeout}s)"
    if ! kubectl rollout status "\${rollout#* }" -n "\${rollout%% *}" --timeout="\${timeout}s"; then
      echo "deploy.sh: \${rollout#* } did not become ready within \${timeout}s; see: kubectl describe \${rollout#* } -n \${rollout%% *}" >&2
      exit 1
    fi
  done
fi

`,
  };
}

function quoted(words: readonly string[]): string {
  return words.map((w) => `'${w}'`).join(' ');
}

/** The Secrets the deployed components read: Grafana's admin login, the receivers' credentials. */
function componentSecrets(stack: Stack): string[] {
  return [
    ...(isDeployed(stack, 'grafana') ? [stack.deploy.grafanaAdminSecret] : []),
    ...(isDeployed(stack, 'alertmanager') ? receiverSecrets(stack) : []),
  ];
}

/** The last lines: how to reach Grafana, the deployed one or the existing one the sidecar feeds. */
function grafanaHint(stack: Stack): string {
  const g = stack.deploy.components.grafana;
  if (isDeployed(stack, 'grafana')) {
    const name = componentName(stack, 'grafana');
    return `echo "monitoring stack is ready. Reach Grafana with:"
echo "  kubectl port-forward -n $namespace svc/${name} ${ports.grafana}:${ports.grafana}   then open http://localhost:${ports.grafana}"
`;
  }
  const url = g.kind === 'existing' && g.url ? ` at ${g.url}` : '';
  const line = g.kind === 'none' ? 'monitoring stack is ready' : `monitoring stack is ready; the existing Grafana${url} loads the dashboards through its sidecar`;
  return `echo ${quoted([line.replace(/'/g, "'\\''")])}\n`;
}

/** A namespace other stacks share is nobody's manifest: created when missing, never deleted or relabelled. */
function sharedNamespaceBlock(stack: Stack): string {
  if (!stack.deploy.sharedNamespace || operatorOnly(stack)) return '';
  return `if [ -z "$dry_run" ] && ! kubectl get namespace "$namespace" >/dev/null 2>&1; then
  echo "creating namespace $namespace (shared with other stacks)"
  kubectl create namespace "$namespace"
fi

`;
}

export function deployScript(stack: Stack, manifestFiles: readonly string[], operatorFiles: readonly string[], deployments: readonly string[]): string {
  const ns = stack.monitoringNamespace;
  const admin = stack.deploy.grafanaAdminSecret;
  const exporters = exporterBlocks(stack);
  const usage = operatorOnly(stack) ? 'kube-prometheus runs Prometheus, Alertmanager and Grafana: this stack is only operator/ (and its exporters)' : 'apply operator/ (PrometheusRule, PodMonitor) to a cluster that runs kube-prometheus';
  return `#!/usr/bin/env bash
# Usage: deploy.sh [--dry-run] [--operator] [--timeout <seconds>]
#   --dry-run   validate only: server-side when a cluster is reachable, client-side otherwise
#   --operator  ${usage}
set -euo pipefail

here="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
namespace='${ns}'
manifests=(${quoted(manifestFiles)})
deployments=(${quoted(deployments)})
secret_names=(${quoted(componentSecrets(stack))})
${exporters.vars}dry_run=''
operator=''
timeout=300

while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=1 ;;
    --operator) operator=1 ;;
    --timeout) timeout="\${2:?--timeout needs a number of seconds}"; shift ;;
    *) echo "deploy.sh: unknown option $1 (use --dry-run, --operator, --timeout <seconds>)" >&2; exit 2 ;;
  esac
  shift
done

if ! command -v kubectl >/dev/null 2>&1; then
  echo "deploy.sh: kubectl not found on PATH. Install it: https://kubernetes.io/docs/tasks/tools/" >&2
  exit 1
fi

if [ -n "$operator" ]; then
  manifests=(${quoted(operatorFiles)})
  deployments=()
  secret_names=()
fi

apply_flags=()
if [ -n "$dry_run" ]; then
  if kubectl cluster-info >/dev/null 2>&1; then
    apply_flags=(--dry-run=server)
  else
    echo "deploy.sh: no cluster reachable, validating client-side only" >&2
    apply_flags=(--dry-run=client)
  fi
fi

# Secrets hold what must never be in out/: check them before anything is applied (unless validating offline).
if [ "\${apply_flags[*]:-}" != "--dry-run=client" ]; then
  missing=0
  for secret in "\${secret_names[@]}"; do
    if ! kubectl get secret "$secret" -n "$namespace" >/dev/null 2>&1; then
      echo "deploy.sh: Secret $secret is missing in namespace $namespace. Create it first, e.g.:" >&2
      if [ "$secret" = '${admin}' ]; then
        echo "  kubectl create namespace $namespace --dry-run=client -o yaml | kubectl apply -f -" >&2
        echo "  kubectl create secret generic $secret -n $namespace --from-literal=admin-user=admin --from-literal=admin-password=\\"\\$(openssl rand -base64 24)\\"" >&2
      else
        echo "  kubectl create secret generic $secret -n $namespace --from-file=<key>=<file>   (keys: see docs/deploy.md)" >&2
      fi
      missing=1
    fi
  done
${exporters.secrets}  [ "$missing" = 0 ] || exit 1
fi

${sharedNamespaceBlock(stack)}for file in "\${manifests[@]}"; do
  echo "applying $file"
  kubectl apply "\${apply_flags[@]}" -f "$here/$file"
done

${exporters.wait}if [ -n "$dry_run" ] || [ \${#deployments[@]} -eq 0 ]; then
  echo "done (nothing to wait for)"
  exit 0
fi

for deployment in "\${deployments[@]}"; do
  echo "waiting for $deployment (timeout \${timeout}s)"
  if ! kubectl rollout status "deployment/$deployment" -n "$namespace" --timeout="\${timeout}s"; then
    echo "deploy.sh: $deployment did not become ready within \${timeout}s; see: kubectl describe deployment/$deployment -n $namespace" >&2
    exit 1
  fi
done

${grafanaHint(stack)}`;
}
