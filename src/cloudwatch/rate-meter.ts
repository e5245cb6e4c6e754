// How fast a tail receives events, for the status bar. A few-second window makes a quiet tail
// (one event every few seconds) flicker between "0 ev/s" and "1 ev/s"; so busy tails show
// events per second over the last 10 s and quiet ones the count of the last minute, which
// moves slowly.

/** Seconds remembered: the per-minute count needs all of them. */
const SECONDS = 60;
/** The per-second figure averages this many completed seconds. */
const PER_SECOND_WINDOW = 10;
/** From this many events a minute (2 ev/s) on, the rate reads per second. */
const PER_SECOND_FROM = 120;

export interface Rate {
  /** events per second over the last 10 completed seconds (fewer just after the start) */
  perSecond: number;
  /** events in the last 60 completed seconds (the seconds since the start, before a minute) */
  perMinute: number;
}

export class RateMeter {
  private readonly buckets = new Array<number>(SECONDS).fill(0);
  private startSecond = -1;
  private currentSecond = -1;
  private total_ = 0;

  constructor(private readonly now: () => number = Date.now) {}

  get total(): number {
    return this.total_;
  }

  add(count: number): void {
    this.advance();
    this.buckets[this.currentSecond % SECONDS] += count;
    this.total_ += count;
  }

  rate(): Rate {
    this.advance();
    if (this.startSecond < 0) return { perSecond: 0, perMinute: 0 };
    // the current second is still filling: only completed ones count
    const completed = this.currentSecond - this.startSecond;
    const sum = (n: number) => {
      let s = 0;
      for (let i = 1; i <= n; i++) s += this.buckets[(this.currentSecond - i + SECONDS * 2) % SECONDS];
      return s;
    };
    const perSecondSpan = Math.min(PER_SECOND_WINDOW, completed);
    return {
      perSecond: perSecondSpan > 0 ? sum(perSecondSpan) / perSecondSpan : 0,
      perMinute: sum(Math.min(SECONDS, completed)),
    };
  }

  /** e.g. "1.2k ev/s", "35 ev/s", "4.5 ev/s", "24 ev/min" */
  text(): string {
    return formatRate(this.rate());
  }

  private advance(): void {
    const sec = Math.floor(this.now() / 1000);
    if (this.currentSecond < 0) {
      this.startSecond = this.currentSecond = sec;
      return;
    }
    const steps = Math.min(sec - this.currentSecond, SECONDS);
    for (let i = 1; i <= steps; i++) this.buckets[(this.currentSecond + i) % SECONDS] = 0;
    if (sec > this.currentSecond) this.currentSecond = sec;
  }
}

/** The rate of one tail or the sum of several (rates add up field by field). */
export function formatRate(r: Rate): string {
  // (the second test: a busy tail in its first seconds, before a minute has been counted)
  if (r.perMinute < PER_SECOND_FROM && r.perSecond < 10) return `${Math.round(r.perMinute)} ev/min`;
  const n = r.perSecond;
  if (n >= 1000) return `${(n / 1000).toFixed(1)}k ev/s`;
  return n >= 10 ? `${Math.round(n)} ev/s` : `${n.toFixed(1)} ev/s`;
}

export function sumRates(rates: Rate[]): Rate {
  return rates.reduce((a, r) => ({ perSecond: a.perSecond + r.perSecond, perMinute: a.perMinute + r.perMinute }), {
    perSecond: 0,
    perMinute: 0,
  });
}
