// Entry of the injection worker when anomalog runs from its TypeScript source (tests, tsx):
// a worker thread does not inherit the main thread's loader, so it registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./injection-worker.ts');
