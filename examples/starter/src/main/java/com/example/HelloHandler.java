package com.example;

import io.squall.web.RequestHandler;

/** {@code GET /hello?name=you} answers {@code Hello, you}. */
public class HelloHandler extends RequestHandler {
  /** Writes the greeting as plain text. */
  public void get() {
    setHeader("Content-Type", "text/plain; charset=UTF-8");
    write("Hello, " + getArgument("name", "world"));
  }
}
