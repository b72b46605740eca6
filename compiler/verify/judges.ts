// The judges verify runs on every stack, in the order their lines are printed. A new judge is one file beside this
// one and one entry here.
import { checkAlertmanagerConfig } from './amtool-check-config.ts';
import { testRoutes } from './amtool-routes.ts';
import { scanCredentials } from './credentials.ts';
import { checkDashboardsStrictly } from './grafana-sdk.ts';
import { checkDashboardTypes } from './grafana-types.ts';
import type { Judge } from './input.ts';
import { checkManifests } from './kubernetes-schemas.ts';
import { checkConfig } from './promtool-check-config.ts';
import { checkRules } from './promtool-check-rules.ts';
import { testRules } from './promtool-test-rules.ts';
import { roundTrip } from './round-trip.ts';

export interface NamedJudge {
  readonly name: string;
  readonly run: Judge;
}

export const judges: readonly NamedJudge[] = [
  { name: 'promtool check rules', run: checkRules },
  { name: 'promtool test rules', run: testRules },
  { name: 'promtool check config', run: checkConfig },
  { name: 'amtool check-config', run: checkAlertmanagerConfig },
  { name: 'amtool config routes test', run: testRoutes },
  { name: 'kubernetes schemas', run: checkManifests },
  { name: 'grafana types', run: checkDashboardTypes },
  { name: 'grafana sdk strict', run: checkDashboardsStrictly },
  { name: 'yaml/json round trip', run: roundTrip },
  { name: 'credential scan', run: scanCredentials },
];
