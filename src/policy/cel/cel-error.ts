/** An evaluation error raised by a kubeward CEL library function (cel-js turns thrown errors into evaluation errors). */
export class CelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CelError';
  }
}
