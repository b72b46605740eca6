// Stack-wide settings: names Kubernetes accepts, intervals Prometheus accepts, a port that exists.
import { parseDuration } from '../duration.ts';
import type { Issue } from '../issues.ts';
import type { Stack } from '../model.ts';
import { issue } from './context.ts';

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function checkSettings(stack: Stack): Issue[] {
  const out: Issue[] = [];
  const at = (code: string, message: string, hint: string) => out.push(issue(code, stack.source, [stack.name, 'settings'], message, hint));
  for (const [key, value] of [['namespace', stack.namespace], ['monitoringNamespace', stack.monitoringNamespace], ['app', stack.app]] as const) {
    if (!dnsLabel.test(value) || value.length > 63) at('settings/name', `${key} "${value}" is not a valid Kubernetes name`, 'use at most 63 lower-case letters, digits and dashes');
  }
  for (const [key, value] of [['scrape.interval', stack.scrape.interval], ['scrape.evaluationInterval', stack.scrape.evaluationInterval]] as const) {
    const ms = parseDuration(value);
    if (ms === undefined || ms === 0) at('settings/invalid-duration', `${key} "${value}" is not a valid duration`, 'write a duration such as 15s or 1m');
  }
  if (!Number.isInteger(stack.scrape.port) || stack.scrape.port < 1 || stack.scrape.port > 65535) at('settings/port', `scrape.port ${stack.scrape.port} is not a TCP port`, 'use a port between 1 and 65535, e.g. 9464');
  if (!stack.scrape.metricsPath.startsWith('/')) at('settings/path', `scrape.metricsPath "${stack.scrape.metricsPath}" does not start with /`, "write it as a path, e.g. '/metrics'");
  for (const key of Object.keys(stack.scrape.externalLabels)) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(key)) at('settings/label-name', `external label "${key}" is not a valid label name`, 'use letters, digits and underscores');
  }
  return out;
}
