/**
 * Preloaded into the demo's CLI processes (`node --import`), never into the guard itself: moves
 * the process's clock by `LIGHTSAIL_GUARD_DEMO_CLOCK_SHIFT_MS`, so `npm run demo` can show the
 * last report of a month and the first check of the next one without waiting for them. The guard
 * reads time only through `new Date()` and `Date.now()`, both moved here; timers are not.
 */

const shift = Number(process.env.LIGHTSAIL_GUARD_DEMO_CLOCK_SHIFT_MS ?? '0');

if (Number.isFinite(shift) && shift !== 0) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + shift);
      else super(...args);
    }

    static now() {
      return RealDate.now() + shift;
    }
  }
  globalThis.Date = ShiftedDate;
}
