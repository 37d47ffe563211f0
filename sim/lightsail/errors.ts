/** The error answers the simulator gives, shaped as awsJson1_1 errors. */

/**
 * An error answer. The SDK takes the error name from the body's `__type` (then the
 * `x-amzn-ErrorType` header), so `type` becomes `err.name` on the client.
 */
export class SimError extends Error {
  override readonly name = 'SimError';
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    /** Lightsail's own finer code, sent as the body's `code` member (the SDK maps it to `err.code`). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The service's catch-all for bad parameters (HTTP 400). */
export function invalidInput(message: string): SimError {
  return new SimError(400, 'InvalidInputException', message, 'InvalidInput');
}

/** HTTP 404, as the service model declares for `NotFoundException`. */
export function notFound(message: string): SimError {
  return new SimError(404, 'NotFoundException', message, 'DoesNotExist');
}

export function throttling(): SimError {
  return new SimError(400, 'ThrottlingException', 'Rate exceeded');
}

export function serviceError(): SimError {
  return new SimError(500, 'ServiceException', 'We encountered an internal error. Please try again.');
}

export function accessDenied(operation: string): SimError {
  return new SimError(
    403,
    'AccessDeniedException',
    `User is not authorized to perform: lightsail:${operation} (simulated)`,
  );
}
