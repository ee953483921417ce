package com.example;

import io.squall.http.HttpStatus;
import io.squall.web.HttpError;
import io.squall.web.RequestHandler;
import java.util.Map;

/** What every JSON API handler shares: headers on every answer, and errors as JSON. */
public abstract class ApiHandler extends RequestHandler {
  @Override
  public void setDefaultHeaders() {
    setHeader("Cache-Control", "no-store");
  }

  @Override
  public void writeError(int status, Throwable cause) {
    String message =
        cause instanceof HttpError e && e.logMessage() != null
            ? e.logMessage()
            : HttpStatus.reason(status);
    write(Map.of("status", status, "error", message));
  }
}
