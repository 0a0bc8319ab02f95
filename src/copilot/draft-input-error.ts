/**
 * A draft could not be made because an earlier answer is unusable in combination with others
 * (e.g. a per-user rate without a user count). It names the question to ask again.
 */
export class DraftInputError extends Error {
  override readonly name = 'DraftInputError';
  constructor(
    readonly slotId: string,
    message: string,
  ) {
    super(message);
  }
}
