package io.squall.http.internal;

import io.squall.http.HttpHeaders;
import io.squall.http.HttpServerRequest;
import io.squall.http.MultipartLimits;

/**
 * Back doors from the server's internals into the exported {@code io.squall.http} types, for
 * operations that are not API: adding a header field the parser already validated, and filling in
 * and finishing a request. This package is not exported, so code outside the module cannot reach
 * them.
 *
 * <p>Each exported class installs its accessor when it initialises; a second installation is
 * refused. Callers keep the accessor in a static final field, so a call costs what a direct call
 * does (no reflection).
 */
public final class HttpAccess {
  /** Operations on {@link HttpHeaders} that skip validation. */
  public interface Headers {
    /** Appends a field whose name and value are known to be valid. */
    void addTrusted(HttpHeaders headers, String name, String value);
  }

  /** Operations on {@link HttpServerRequest} that the server and the web layer perform. */
  public interface Requests {
    /** Sets the whole body, once a buffering delegate has read it. */
    void setBody(HttpServerRequest request, byte[] body);

    /**
     * Parses the body as form arguments and files, by {@code Content-Type}; a malformed body is
     * logged and leaves the arguments empty.
     *
     * @throws io.squall.http.HttpInputException (413) if a multipart body has more parts than
     *     {@code limits} allow; nothing is parsed then
     */
    void parseBody(HttpServerRequest request, MultipartLimits limits);

    /** Marks the response finished (for {@link HttpServerRequest#requestTime()}). */
    void markFinished(HttpServerRequest request);
  }

  private static volatile Headers headers;
  private static volatile Requests requests;

  private HttpAccess() {}

  /** Installs the headers accessor; called once by {@code HttpHeaders}. */
  public static void install(Headers a) {
    synchronized (HttpAccess.class) {
      if (headers != null) {
        throw new IllegalStateException("already installed");
      }
      headers = a;
    }
  }

  /** Installs the request accessor; called once by {@code HttpServerRequest}. */
  public static void install(Requests a) {
    synchronized (HttpAccess.class) {
      if (requests != null) {
        throw new IllegalStateException("already installed");
      }
      requests = a;
    }
  }

  /** The headers accessor. */
  public static Headers headers() {
    Headers a = headers;
    if (a == null) {
      initialise(HttpHeaders.class);
      a = headers;
    }
    return a;
  }

  /** The request accessor. */
  public static Requests requests() {
    Requests a = requests;
    if (a == null) {
      initialise(HttpServerRequest.class);
      a = requests;
    }
    return a;
  }

  /** Runs {@code c}'s static initialiser, which installs its accessor. Once per class. */
  private static void initialise(Class<?> c) {
    try {
      Class.forName(c.getName(), true, c.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
