export { DEMO_CALLEE, destinationCodes } from './catalog.js';
export { startSimulator } from './server.js';
export { sign } from './sign.js';
export type {
  Aggregate,
  Dataset,
  Degradation,
  FaultOptions,
  Simulator,
  SimulatorOptions,
  SimulatorStats,
  VendorRecord,
} from './types.js';
