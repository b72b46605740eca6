// DSL objects are recognised by a registered symbol, not instanceof, so two loaded copies of dsl/ still agree.
export const tag = Symbol.for('stackc.dsl');

export type Tag = 'metric' | 'series' | 'vector' | 'recording' | 'alert' | 'group' | 'stack' | 'catalog' | 'dashboard' | 'exporter';

export function isTagged<T>(value: unknown, kind: Tag): value is T {
  return typeof value === 'object' && value !== null && (value as { [tag]?: unknown })[tag] === kind;
}
