// Events per second over the last few seconds, for the status bar while tailing.

export class RateMeter {
  private readonly buckets: number[];
  private currentSecond = -1;
  private total_ = 0;

  constructor(
    private readonly windowSeconds = 5,
    private readonly now: () => number = Date.now,
  ) {
    this.buckets = new Array(windowSeconds).fill(0);
  }

  get total(): number {
    return this.total_;
  }

  add(count: number): void {
    this.advance();
    this.buckets[this.currentSecond % this.windowSeconds] += count;
    this.total_ += count;
  }

  /** average over the completed seconds of the window (the current second is partial) */
  perSecond(): number {
    this.advance();
    let sum = 0;
    for (let i = 1; i < this.windowSeconds; i++)
      sum += this.buckets[(this.currentSecond - i + this.windowSeconds * 2) % this.windowSeconds];
    return sum / (this.windowSeconds - 1);
  }

  private advance(): void {
    const sec = Math.floor(this.now() / 1000);
    if (this.currentSecond < 0) {
      this.currentSecond = sec;
      return;
    }
    const steps = Math.min(sec - this.currentSecond, this.windowSeconds);
    for (let i = 1; i <= steps; i++) this.buckets[(this.currentSecond + i) % this.windowSeconds] = 0;
    if (sec > this.currentSecond) this.currentSecond = sec;
  }
}
