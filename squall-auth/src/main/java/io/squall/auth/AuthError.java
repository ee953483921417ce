package io.squall.auth;

import io.squall.web.HttpError;
import java.util.Objects;

/**
 * A third-party login that was refused (Tornado's {@code AuthError}). It is an {@link HttpError}:
 * unhandled, it answers {@link Kind#status()} with {@link Kind#reason()} as the reason phrase, and
 * the {@linkplain #detail() detail} goes to the log. No user is logged in when this is thrown.
 */
public class AuthError extends HttpError {
  /** What went wrong. */
  public enum Kind {
    /** The callback had no {@code state}, or the browser had no valid state cookie. */
    STATE_MISSING(403, "OAuth state missing"),
    /** The callback's {@code state} is not the one this browser was sent away with. */
    STATE_MISMATCH(403, "OAuth state mismatch"),
    /** The callback had neither a {@code code} nor an {@code error}. */
    CODE_MISSING(400, "OAuth code missing"),
    /** The provider sent the user back with an {@code error} (e.g. {@code access_denied}). */
    ACCESS_DENIED(403, "OAuth login refused"),
    /** The provider's token endpoint refused the code (unknown, expired, used, wrong client). */
    CODE_REJECTED(403, "OAuth code rejected"),
    /** The OpenID Connect ID token failed a check: signature, issuer, audience, expiry, nonce. */
    INVALID_ID_TOKEN(403, "Invalid ID token"),
    /** The provider could not be reached, failed, or answered something that is not usable. */
    PROVIDER_FAILURE(502, "OAuth provider failed");

    private final int status;
    private final String reason;

    Kind(int status, String reason) {
      this.status = status;
      this.reason = reason;
    }

    /** The HTTP status an unhandled error of this kind answers with. */
    public int status() {
      return status;
    }

    /** The reason phrase sent with the status. */
    public String reason() {
      return reason;
    }
  }

  private final Kind kind;
  private final String detail;

  /** An error of {@code kind}; {@code detail} says exactly what was wrong (logged, not sent). */
  public AuthError(Kind kind, String detail) {
    super(Objects.requireNonNull(kind, "kind").status(), "%s", detail);
    this.kind = kind;
    this.detail = detail;
  }

  /** As {@link #AuthError(Kind, String)}, with the exception that caused it. */
  public AuthError(Kind kind, String detail, Throwable cause) {
    this(kind, detail);
    initCause(cause);
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** What exactly was wrong, e.g. which claim of the ID token failed and why. */
  public String detail() {
    return detail;
  }

  /** The kind's reason phrase, sent in the status line and on the default error page. */
  @Override
  public String reason() {
    return kind.reason();
  }

  @Override
  public String getMessage() {
    return kind.reason() + ": " + detail;
  }
}
