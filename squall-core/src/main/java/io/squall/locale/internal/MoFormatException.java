package io.squall.locale.internal;

/** A {@code .mo} file that cannot be read as a gettext catalog; the message says why. */
public final class MoFormatException extends Exception {
  /**
   * @param message what is wrong with the file
   */
  public MoFormatException(String message) {
    super(message);
  }
}
