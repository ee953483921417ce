package io.squall.demos.blog;

/** Sign-up with an e-mail address that an author already has. */
public final class DuplicateEmailException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** For {@code email}. */
  public DuplicateEmailException(String email) {
    super("an author with the e-mail address " + email + " already exists");
  }
}
