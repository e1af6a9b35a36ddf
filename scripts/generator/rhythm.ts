// Daily and weekly rhythm of each kind of traffic, as multipliers whose mean over a weekday is 1.
import type { Schedule } from './population.js';

const gauss = (x: number, mean: number, width: number): number => Math.exp(-0.5 * ((x - mean) / width) ** 2);

/** Circular distance in hours, so the curve wraps at midnight. */
const hourGauss = (hour: number, mean: number, width: number): number => {
  const d = Math.min(Math.abs(hour - mean), 24 - Math.abs(hour - mean));
  return gauss(d, 0, width);
};

function rawCurve(schedule: Schedule, hour: number): number {
  switch (schedule) {
    case 'day':
      // Quiet nights, a morning ramp, an afternoon peak and an evening shoulder.
      return 0.08 + 0.85 * hourGauss(hour, 11, 3) + 1.0 * hourGauss(hour, 15, 2.8) + 0.75 * hourGauss(hour, 20.5, 2);
    case 'night':
      // Nightly batch jobs plus a thin daytime trickle.
      return 0.25 + 3.2 * hourGauss(hour, 2.5, 1.4);
    case 'flat':
      return 1 + 0.12 * Math.sin((2 * Math.PI * hour) / 24);
  }
}

const MEANS: Record<Schedule, number> = { day: 0, night: 0, flat: 0 };
for (const schedule of ['day', 'night', 'flat'] as const) {
  let sum = 0;
  const steps = 24 * 60;
  for (let m = 0; m < steps; m++) sum += rawCurve(schedule, m / 60);
  MEANS[schedule] = sum / steps;
}

/** Traffic multiplier of a schedule at an instant (UTC): 1 is the weekday mean. */
export function rhythm(schedule: Schedule, timeMs: number): number {
  const date = new Date(timeMs);
  const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
  const weekday = date.getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  const weekendFactor = schedule === 'day' ? 0.7 : schedule === 'night' ? 0.9 : 1;
  return (rawCurve(schedule, hour) / MEANS[schedule]) * (weekend ? weekendFactor : 1);
}
