package io.squall.web;

/**
 * Throw from a handler to end the request with what was written so far, without an error page
 * (Tornado's {@code Finish}). Useful after setting a status, e.g. 401 with a custom body.
 */
public class Finish extends RuntimeException {
  /** Ends the request. */
  public Finish() {
    super("finish", null, false, false);
  }
}
