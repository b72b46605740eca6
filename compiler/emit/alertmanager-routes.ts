// The routing tree, its time intervals and the stack's own inhibitions as Alertmanager reads them. A route writes only
// what it sets; what it leaves out it inherits from its parent, as in the model.
import type { Alerting } from '../model-deploy.ts';
import type { Inhibition, Route, TimeInterval, TimeRange } from '../model-routing.ts';
import { matcherText } from '../routing/matchers.ts';

type Json = Record<string, unknown>;

function routeYaml(r: Route): Json {
  return {
    ...(r.receiver ? { receiver: r.receiver } : {}),
    ...(r.matchers.length ? { matchers: r.matchers.map(matcherText) } : {}),
    ...(r.continue ? { continue: true } : {}),
    ...(r.groupBy ? { group_by: [...r.groupBy] } : {}),
    ...(r.groupWait ? { group_wait: r.groupWait } : {}),
    ...(r.groupInterval ? { group_interval: r.groupInterval } : {}),
    ...(r.repeatInterval ? { repeat_interval: r.repeatInterval } : {}),
    ...(r.muteWhen.length ? { mute_time_intervals: [...r.muteWhen] } : {}),
    ...(r.activeWhen.length ? { active_time_intervals: [...r.activeWhen] } : {}),
    ...(r.routes.length ? { routes: r.routes.map(routeYaml) } : {}),
  };
}

/** The root route: the default receiver, grouping and timing every route inherits, and the tree. */
export function rootRouteYaml(a: Alerting): Json {
  return {
    receiver: a.defaultReceiver,
    group_by: [...a.groupBy],
    group_wait: a.groupWait,
    group_interval: a.groupInterval,
    repeat_interval: a.repeatInterval,
    routes: a.routes.map(routeYaml),
  };
}

function rangeYaml(r: TimeRange): Json {
  return {
    ...(r.times.length ? { times: r.times.map((t) => ({ start_time: t.start, end_time: t.end })) } : {}),
    ...(r.weekdays.length ? { weekdays: [...r.weekdays] } : {}),
    ...(r.daysOfMonth.length ? { days_of_month: [...r.daysOfMonth] } : {}),
    ...(r.months.length ? { months: [...r.months] } : {}),
    ...(r.years.length ? { years: [...r.years] } : {}),
    ...(r.location ? { location: r.location } : {}),
  };
}

/** `time_intervals:` (Alertmanager 0.24+), by name. */
export function timeIntervalsYaml(intervals: readonly TimeInterval[]): Json[] {
  return [...intervals].sort((a, b) => a.name.localeCompare(b.name)).map((i) => ({ name: i.name, time_intervals: i.ranges.map(rangeYaml) }));
}

export function inhibitionYaml(i: Inhibition): Json {
  return {
    source_matchers: i.sourceMatchers.map(matcherText),
    target_matchers: i.targetMatchers.map(matcherText),
    ...(i.equal.length ? { equal: [...i.equal] } : {}),
  };
}
