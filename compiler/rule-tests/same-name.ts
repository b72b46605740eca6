// promtool's alert_rule_test checks every alert of one name at once. When several alerts share a name (a warning and
// a critical level, burn-rate windows), a derived test must also list what the others do under its inputs.
import { parseDuration } from '../duration.ts';
import type { AlertRule, Stack } from '../model.ts';
import { parsePromQL } from '../promql/ast.ts';
import { sameName } from '../rule-identity.ts';
import type { AlertCheck } from './cases.ts';
import { SteadyState, Unsupported, type SteadySeries } from './steady-state.ts';
import { firingAlert } from './templates.ts';

/** The other alert of the name whose behaviour stackc cannot predict, and why. */
export class UnpredictableSibling extends Error {
  constructor(readonly other: AlertRule, reason: string) {
    super(reason);
  }
}

/** The alerts of the other rules named like `alert` that fire at `at` seconds when the inputs hold steady from 0:
 *  an alert whose expression returns series from the start fires once its `for` has passed. */
function othersFiring(stack: Stack, alert: AlertRule, inputs: readonly SteadySeries[], at: number): AlertCheck['firing'] {
  const scrapeSeconds = (parseDuration(stack.scrape.interval) ?? 15_000) / 1000;
  return sameName(stack, alert).filter((o) => o !== alert).flatMap((other) => {
    const parsed = parsePromQL(other.expr.text);
    if (!parsed.ok) throw new UnpredictableSibling(other, 'an expression that does not parse');
    try {
      const result = new SteadyState(inputs, at, scrapeSeconds, stack.target.prometheus).evaluate(parsed.ast);
      if (result.type !== 'vector') throw new Unsupported('an expression that returns a scalar');
      if ((parseDuration(other.for) ?? 0) / 1000 > at) return [];
      return result.samples.map((s) => firingAlert(stack, other, s.labels, s.value));
    } catch (e) {
      if (e instanceof Unsupported) throw new UnpredictableSibling(other, e.message);
      throw e;
    }
  });
}

/** The checks with the alerts of same-name rules added that fire under the test's steady inputs. */
export function withSameName(stack: Stack, alert: AlertRule, inputs: readonly SteadySeries[], checks: readonly AlertCheck[]): AlertCheck[] {
  return checks.map((c) => ({ ...c, firing: [...c.firing, ...othersFiring(stack, alert, inputs, (parseDuration(c.at) ?? 0) / 1000)] }));
}
