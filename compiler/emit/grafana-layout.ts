// Automatic layout on Grafana's 24-column grid: rows stacked top to bottom, each row's panels left to right,
// wrapped when the next one does not fit. Ids follow the order of rows and panels, so they are stable.
import type { Dashboard, DashboardRow, Panel, PanelType } from '../model-dashboard.ts';

export const gridColumns = 24;

/** Width and height a panel type gets when the stack does not say. */
export const defaultSize: Readonly<Record<PanelType, { readonly w: number; readonly h: number }>> = {
  timeseries: { w: 12, h: 8 },
  gauge: { w: 6, h: 8 },
  stat: { w: 6, h: 4 },
  bargauge: { w: 12, h: 8 },
  table: { w: 24, h: 8 },
  heatmap: { w: 12, h: 8 },
  text: { w: 24, h: 3 },
};

export interface GridPos {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export type Placed =
  | { readonly kind: 'row'; readonly id: number; readonly gridPos: GridPos; readonly row: DashboardRow }
  | { readonly kind: 'panel'; readonly id: number; readonly gridPos: GridPos; readonly panel: Panel };

/** FNV-1a: a small, stable hash of a title. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Panel ids from the row and panel titles (both unique in a dashboard, which validation checks), so adding, removing
 *  or moving a panel keeps every other panel's id and the `viewPanel=<id>` links people bookmark. A collision takes
 *  the next free id, in panel order. */
function stableIds(): (key: string) => number {
  const taken = new Set<number>();
  return (key) => {
    let id = (fnv1a(key) % 999_983) + 1;
    while (taken.has(id)) id = (id % 999_983) + 1;
    taken.add(id);
    return id;
  };
}

/** Every row header and panel of a dashboard with its id and place, in Grafana's order (top to bottom). */
export function layout(d: Dashboard): Placed[] {
  const out: Placed[] = [];
  const idOf = stableIds();
  let y = 0;
  for (const row of d.rows) {
    if (row.title !== undefined) {
      out.push({ kind: 'row', id: idOf(`row:${row.title}`), gridPos: { x: 0, y, w: gridColumns, h: 1 }, row });
      y += 1;
    }
    let x = 0;
    let lineHeight = 0;
    for (const panel of row.panels) {
      const w = Math.min(Math.max(panel.width ?? defaultSize[panel.type].w, 1), gridColumns);
      const h = Math.max(panel.height ?? defaultSize[panel.type].h, 1);
      if (x + w > gridColumns) {
        y += lineHeight;
        x = 0;
        lineHeight = 0;
      }
      out.push({ kind: 'panel', id: idOf(`panel:${row.title ?? ''}:${panel.title}`), gridPos: { x, y, w, h }, panel });
      x += w;
      lineHeight = Math.max(lineHeight, h);
    }
    y += lineHeight;
  }
  return out;
}
