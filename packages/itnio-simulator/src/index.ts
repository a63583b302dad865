export { DEMO_CALLEE } from './catalog.js';
export { startSimulator } from './server.js';
export { sign } from './sign.js';
export type {
  Aggregate,
  Dataset,
  FaultOptions,
  Simulator,
  SimulatorOptions,
  SimulatorStats,
  VendorRecord,
} from './types.js';
