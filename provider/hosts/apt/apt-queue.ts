// One apt-get at a time: dpkg takes one lock for the whole machine, so the
// installs, purges and list updates of every host on that machine wait here
// for each other (the commands of one driver object, or of all drivers that
// share one AptPackages).

export class AptQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after everything queued before it has settled; a failure does not stop the queue. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
