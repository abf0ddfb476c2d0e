/** A problem `npm run dev` explains in words, with the way out: printed without a stack trace. */
export class DevStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DevStartError';
  }
}
