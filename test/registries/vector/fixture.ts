// The greenhouse: the stack the shared test vector runs through the TypeScript, Python and Go registries. Every kind
// of metric, with and without labels; declared labels beside open ones; small cardinality limits the vector overflows;
// a label named like a Python keyword (`class`, the keyword argument `class_` in Python, `classLabel` in Go); counters
// and a histogram whose labels all declare their values, so the registries start them at 0.
import { counter, gauge, histogram, open, stack, summary } from '../../../dsl/index.ts';

/** A declared label beside an open one, limit 4. */
export const readings = counter({
  name: 'sensor_readings_total', help: 'Sensor readings taken, by zone and sensor', cardinalityLimit: 4,
  labels: { zone: ['north', 'south'], sensor: open },
});
/** Every label declared, one value with quotes, a backslash and non-ASCII: started at 0 for each combination. */
export const valveOpenings = counter({
  name: 'valve_openings_total', help: 'Valve openings, by valve and result',
  labels: { valve: ['a', 'b'], result: ['ok', 'stuck', 'half "open" \\ ½'] },
});
export const cycles = counter({ name: 'irrigation_cycles_total', help: 'Irrigation cycles run' });
/** Where the vector's hostile values go: a limit larger than they are many. */
export const moisture = gauge({
  name: 'soil_moisture_ratio', help: 'Soil moisture, by plant class and bed', unit: 'ratio', cardinalityLimit: 40,
  labels: { class: ['seedling', 'mature'], bed: open },
});
export const fans = gauge({ name: 'fans_running', help: 'Fans running now' });
/** Every label declared: every bucket of both pumps at 0 from the start. */
export const pumpRun = histogram({
  name: 'pump_run_seconds', help: 'Pump run time, by pump', unit: 'seconds', buckets: [0.5, 1, 5],
  labels: { pump: ['main', 'spare'] },
});
export const sensorLatency = histogram({
  name: 'sensor_latency_seconds', help: 'Sensor answer time, by zone and sensor', unit: 'seconds', buckets: [0.01, 0.1],
  cardinalityLimit: 3, labels: { zone: ['north', 'south'], sensor: open },
});
export const messageSize = summary({
  name: 'controller_message_bytes', help: 'Controller message size, by direction and peer', unit: 'bytes',
  percentiles: [0.5, 0.9], cardinalityLimit: 3, labels: { direction: ['in', 'out'], peer: open },
});
export const dosing = summary({ name: 'nutrient_dosing_seconds', help: 'Nutrient dosing time', unit: 'seconds', percentiles: [0.5] });

export default stack('greenhouse', {
  registries: ['typescript', 'python', 'go'],
  namespace: 'greenhouse',
  scrape: { port: 9311 },
  metrics: [readings, valveOpenings, cycles, moisture, fans, pumpRun, sensorLatency, messageSize, dosing],
  groups: [],
});
