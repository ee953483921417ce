package io.squall.demos.tasks;

import com.fasterxml.jackson.core.JacksonException;
import io.squall.db.DatabaseUnavailableException;
import io.squall.escape.Json;
import io.squall.http.BodyArguments;
import io.squall.http.HttpFile;
import io.squall.http.HttpStatus;
import io.squall.web.HttpError;
import io.squall.web.RequestHandler;
import io.squall.web.StreamRequestBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The base of every {@code /api/*} handler (the seed's {@code BaseView}): every response, errors
 * included, is {@code application/json}, and errors have the body {@code {"error": {"status": N,
 * "message": "..."}}}.
 *
 * <p>Subclasses are annotated {@link StreamRequestBody} (the annotation is not inherited) so that
 * the method, the path and the content type are checked in {@code prepare()}, when only the headers
 * have arrived: a request that will be refused (405, 400 for a bad id, 415) is answered before its
 * body is read, and a client that sent {@code Expect: 100-continue} never gets the interim 100 for
 * it. Accepted bodies are collected up to {@link #MAX_BODY} bytes (413 beyond) and parsed as JSON
 * or as a urlencoded UTF-8 form.
 */
public abstract class ApiHandler extends RequestHandler {
  /** The largest request body accepted, in bytes. */
  public static final long MAX_BODY = 64 * 1024;

  private static final String JSON_TYPE = "application/json; charset=UTF-8";
  private static final String FORM_TYPE = "application/x-www-form-urlencoded";

  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  /** The methods this resource serves; any other gets 405 before its body is read. */
  protected abstract Set<String> methods();

  /** Checks the path's groups when the headers arrive (for example that an id is a number). */
  protected void checkPath() {}

  @Override
  public void setDefaultHeaders() {
    setHeader("Content-Type", JSON_TYPE);
    setHeader("Cache-Control", "no-store");
  }

  /** Refuses what can be refused from the headers alone; runs before the body is read. */
  public void prepare() {
    String method = request().method();
    if (!methods().contains(method)) {
      throw new HttpError(405);
    }
    checkPath();
    String length = request().headers().get("Content-Length");
    if (length != null && length.length() > 0 && parseLength(length) > MAX_BODY) {
      throw tooLarge();
    }
    if (method.equals("POST") || method.equals("PUT")) {
      String type = mediaType();
      if (!type.equals("application/json") && !type.equals(FORM_TYPE)) {
        throw new ApiError(
            415,
            "Content-Type must be application/json or "
                + FORM_TYPE
                + (type.isEmpty() ? "" : ", got " + type));
      }
    }
  }

  private String mediaType() {
    String ct = request().headers().get("Content-Type");
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  private static long parseLength(String v) {
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE; // the connection has checked it; a number too long to parse is big
    }
  }

  private static ApiError tooLarge() {
    return new ApiError(413, "the body is over the limit of " + MAX_BODY + " bytes");
  }

  /**
   * Collects the body; past {@link #MAX_BODY} (a chunked body has no length up front) answers 413
   * at once, and the connection closes after it.
   */
  @Override
  public CompletionStage<?> dataReceived(ByteBuffer chunk) {
    if (isFinished()) {
      return null;
    }
    if (body.size() + (long) chunk.remaining() > MAX_BODY) {
      sendError(413, tooLarge());
      return null;
    }
    byte[] b = new byte[chunk.remaining()];
    chunk.get(b);
    body.write(b, 0, b.length);
    return null;
  }

  /**
   * The request body as task fields, from JSON or from a form by the content type.
   *
   * @param create whether a task is being created (then {@code name} is required)
   * @throws ApiError 400 for a body that does not parse or breaks a rule
   */
  protected TaskInput input(boolean create) {
    byte[] bytes = body.toByteArray();
    try {
      if (mediaType().equals(FORM_TYPE)) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        Map<String, List<HttpFile>> files = new LinkedHashMap<>();
        BodyArguments.parseBodyArguments(FORM_TYPE, bytes, form, files);
        TaskInput in = TaskInput.fromForm(form);
        return create ? in.requireName() : in;
      }
      if (bytes.length == 0) {
        throw new ApiError(400, "the body is empty; send a JSON object");
      }
      TaskInput in = TaskInput.fromJson(Json.mapper().readTree(bytes));
      return create ? in.requireName() : in;
    } catch (TaskInput.Invalid e) {
      throw new ApiError(400, e.getMessage());
    } catch (JacksonException e) {
      throw new ApiError(400, "invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiError(400, "invalid JSON: " + e.getMessage());
    }
  }

  /**
   * {@code call} with a database that is down or busy turned into 503 for the client (the cause in
   * the log).
   */
  protected static <T> CompletableFuture<T> db(CompletableFuture<T> call) {
    return call.handle(
        (v, e) -> {
          if (e == null) {
            return v;
          }
          Throwable cause =
              e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          if (cause instanceof DatabaseUnavailableException) {
            throw new ApiError(
                503, "the database is unavailable; try again later", cause.getMessage());
          }
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new CompletionException(cause);
        });
  }

  /** Parses a task id from the path; 400 when it is not a positive integer. */
  protected static long parseId(String raw) {
    boolean digits =
        !raw.isEmpty() && raw.length() <= 18 && raw.chars().allMatch(Character::isDigit);
    long id = digits ? Long.parseLong(raw) : 0;
    if (id <= 0) {
      throw new ApiError(400, "task id must be a positive integer, got '" + raw + "'");
    }
    return id;
  }

  /** Writes {@code {"error": {"status": N, "message": "..."}}}. */
  @Override
  public void writeError(int status, Throwable cause) {
    String message;
    if (cause instanceof ApiError a) {
      message = a.clientMessage();
    } else if (status == 405) {
      message =
          "method "
              + request().method()
              + " is not allowed on "
              + request().path()
              + "; allowed: "
              + responseHeaders().get("Allow");
    } else if (cause instanceof HttpError he && he.logMessage() != null) {
      message = he.logMessage();
    } else {
      message = HttpStatus.reason(status);
    }
    if (status == 503) {
      setHeader("Retry-After", "1");
    }
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("status", status);
    error.put("message", message);
    write(Map.of("error", error));
  }
}
