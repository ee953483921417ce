package io.squall.template.internal;

/** An expression failed for a reason Squall detected itself; the message says it all. */
final class EvaluationError extends RuntimeException {
  EvaluationError(String message) {
    super(message, null, false, false);
  }
}
