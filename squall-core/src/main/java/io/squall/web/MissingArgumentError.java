package io.squall.web;

/** A required argument is absent: answered with 400 (Tornado's {@code MissingArgumentError}). */
public class MissingArgumentError extends HttpError {
  private final String argName;

  /** The argument {@code argName} is missing. */
  public MissingArgumentError(String argName) {
    super(400, "Missing argument %s", argName);
    this.argName = argName;
  }

  /** The missing argument's name. */
  public String argName() {
    return argName;
  }

  @Override
  public String reason() {
    return "Missing argument " + argName;
  }
}
