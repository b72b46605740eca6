// blackbox.yml for the blackbox exporter that the services job probes through; it is deployed with the stack (a probe
// job pointing at an exporter nobody deployed fails silently). The module name is the one prometheus.yml's probe job asks for;
// an existing blackbox exporter must have it. With kube-prometheus there is no probe job of ours, so no file.
import type { Stack } from '../model.ts';
import { files, type Files } from './files.ts';
import { operatorOnly } from './kubernetes/placement.ts';
import { toYaml } from './yaml.ts';

export const blackboxFile = 'blackbox/blackbox.yml';
export const probeModule = 'http_2xx';

export function blackboxFiles(stack: Stack): Files {
  if (operatorOnly(stack)) return files([]);
  return files([[blackboxFile, toYaml({
    modules: { [probeModule]: { prober: 'http', timeout: '5s', http: { preferred_ip_protocol: 'ip4', valid_status_codes: [] } } },
  })]]);
}
