/**
 * Requests a simulator holds open without answering: hung by a fault or paused at a test's gate.
 * A hold ends when it is released, when the client goes away, or when the simulator closes, which
 * destroys every held connection so that `close()` never waits on a request nobody will answer.
 */

import type { ServerResponse } from 'node:http';
import { setImmediate, setTimeout } from 'node:timers/promises';

/** How a hold ended: released to go on, or dropped because the client or the simulator went away. */
export type HoldEnd = 'released' | 'gone';

export class HeldRequests {
  private readonly drops = new Set<() => void>();

  /**
   * Holds `response` until `until` settles ('released') or its connection ends first ('gone').
   * Without `until` the request is never released: it hangs until the client gives up.
   */
  hold(response: ServerResponse, until?: Promise<void>): Promise<HoldEnd> {
    const socket = response.socket;
    if (socket === null || socket.destroyed || socket.readableEnded) return Promise.resolve('gone');
    return new Promise((resolve) => {
      let ended = false;
      const finish = (end: HoldEnd) => {
        if (ended) return;
        ended = true;
        this.drops.delete(drop);
        socket.off('end', leave).off('close', leave);
        resolve(end);
      };
      const leave = () => finish('gone');
      const drop = () => socket.destroy();
      // 'end' is the client's FIN (a killed process's socket is closed by its kernel): the earliest
      // sign it left, before the server side closes too.
      socket.once('end', leave).once('close', leave);
      this.drops.add(drop);
      void until?.then(async () => {
        // A test typically releases right after its client died. The client's FIN is then already
        // queued on the socket but not yet read: let one full turn of the event loop (timers, then
        // I/O poll, then immediates) pass, so a client that is gone is seen as gone.
        await setTimeout(0);
        await setImmediate();
        finish('released');
      });
    });
  }

  /** Destroys every held connection: the simulator is closing. */
  dropAll(): void {
    for (const drop of [...this.drops]) drop();
  }
}
