package io.squall.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.squall.escape.Escape;
import io.squall.escape.Json;
import io.squall.http.HttpConnection;
import io.squall.http.HttpHeaders;
import io.squall.http.HttpServerRequest;
import io.squall.http.HttpStatus;
import io.squall.http.ResponseStartLine;
import io.squall.ioloop.IOLoop;
import io.squall.template.Template;
import io.squall.template.TemplateFunction;
import io.squall.template.UIModule;
import io.squall.template.UIModules;
import io.squall.web.internal.CookieSecret;
import io.squall.web.internal.Etags;
import io.squall.web.internal.GzipTransform;
import io.squall.web.internal.HandlerDispatch;
import io.squall.web.internal.PercentDecoder;
import io.squall.web.internal.SetCookieBuilder;
import io.squall.web.internal.SignedValues;
import io.squall.web.internal.XsrfTokens;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base class of request handlers (Tornado's {@code RequestHandler}). A new instance serves each
 * request.
 *
 * <p>Implement the verbs you serve as public methods named {@code get}, {@code head}, {@code post},
 * {@code put}, {@code patch}, {@code delete} or {@code options}, taking one {@code String} per
 * group of the route's pattern and returning {@code void} or a {@link CompletionStage}:
 *
 * <pre>{@code
 * public class TaskHandler extends RequestHandler {
 *   public void get(String id) {
 *     write(Map.of("id", id));
 *   }
 * }
 * }</pre>
 *
 * <p>The methods are found once per handler class (not per request). A verb that the class does not
 * implement gets 405 with an {@code Allow} header; HEAD is served by {@code get} when there is no
 * {@code head}, with the body left out. An optional public {@code prepare()} (also {@code void} or
 * a stage) runs before the verb method. Methods run on the connection's loop; a method returning a
 * stage lets the request finish when it completes; methods marked {@link Blocking} run on a virtual
 * thread.
 *
 * <p>The response is buffered by {@link #write} and sent by {@link #flush()} or {@link #finish()};
 * a handler that returns without finishing is finished automatically.
 */
public abstract class RequestHandler {
  private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);
  private static final Logger genLog = LoggerFactory.getLogger("squall.general");
  private static final String JSON_TYPE = "application/json; charset=UTF-8";
  private static final String HTML_TYPE = "text/html; charset=UTF-8";

  private Application application;
  private HttpServerRequest request;
  private HandlerDispatch dispatch;
  private List<String> pathArgs = List.of();
  private Map<String, String> pathKwargs = Map.of();
  private String[] rawGroups = new String[0];
  private List<String> groupNames = List.of();

  private int status = 200;
  private String reason = "OK";

  /** Every response starts from these; copied, not re-validated, per request. */
  private static final HttpHeaders DEFAULT_HEADERS =
      HttpHeaders.of("Content-Type", HTML_TYPE, "Server", "Squall");

  private HttpHeaders headers = new HttpHeaders();
  private List<byte[]> writeBuffer = new ArrayList<>();
  private int writeBufferSize;
  private boolean headersWritten;
  private boolean finished;
  private boolean autoFinish = true;
  private boolean connectionClosed;
  private boolean droppedWriteLogged;
  private GzipTransform gzip;
  private Object currentUser;
  private boolean currentUserLoaded;
  private byte[] xsrfToken;
  private String xsrfEncoded;
  private CompletableFuture<Void> bodyDone;

  /** Handlers are made by the route's factory; the application initializes them. */
  protected RequestHandler() {}

  // ------------------------------------------------------------------------------------------
  // Lifecycle, called by the application

  final void init(
      Application application,
      HttpServerRequest request,
      String[] rawGroups,
      List<String> groupNames) {
    this.application = application;
    this.request = request;
    this.dispatch = HandlerDispatch.of(getClass());
    this.rawGroups = rawGroups;
    this.groupNames = groupNames;
    if (application.settings().compressResponse()) {
      this.gzip = GzipTransform.forRequest(request.headers().get("Accept-Encoding"));
    }
    clear();
    initialize();
  }

  final HandlerDispatch dispatch() {
    return dispatch;
  }

  /**
   * Called after construction with the application and request set (Tornado's {@code initialize}).
   * Prefer constructor arguments through the route's factory; this hook is for setup that needs the
   * request.
   */
  protected void initialize() {}

  /**
   * Called when the response has been sent (Tornado's {@code on_finish}): clean up, log, update
   * statistics. Runs on the loop.
   */
  public void onFinish() {}

  /**
   * Called when the client closed the connection before the response was finished (Tornado's {@code
   * on_connection_close}). Later writes are dropped quietly. Runs on the loop.
   */
  public void onConnectionClose() {}

  /**
   * Receives a piece of the request body, for handlers annotated {@link StreamRequestBody}. The
   * buffer is valid only during the call.
   *
   * @return null, or a stage that holds back the next piece until it completes
   */
  public CompletionStage<?> dataReceived(ByteBuffer chunk) {
    return null;
  }

  /** Resets the headers and body to their defaults (Tornado's {@code clear}). */
  public void clear() {
    headers = new HttpHeaders(DEFAULT_HEADERS);
    setDefaultHeaders();
    writeBuffer = new ArrayList<>();
    writeBufferSize = 0;
    status = 200;
    reason = "OK";
  }

  /**
   * Override to set headers every response of this handler carries, error pages included (for
   * example a custom {@code Server} header or CORS headers).
   */
  public void setDefaultHeaders() {}

  /**
   * Runs the request: checks, {@code prepare()}, then the verb method (for a streaming handler,
   * once the body has arrived). Returns a future that completes when {@code prepare()} has
   * completed; a streaming handler's body is not read before.
   */
  final CompletableFuture<Void> execute() {
    try {
      String verb = request.method();
      if (!HandlerDispatch.VERBS.contains(verb)) {
        throw new HttpError(405);
      }
      if (dispatch.slashRule() != 0 && !fixSlash(dispatch.slashRule())) {
        return CompletableFuture.completedFuture(null);
      }
      decodePathArgs();
      if (!verb.equals("GET")
          && !verb.equals("HEAD")
          && !verb.equals("OPTIONS")
          && application.settings().xsrfCookies()) {
        checkXsrfCookie();
      }
      HandlerDispatch.Target prepare = dispatch.prepare();
      CompletableFuture<?> prepared = prepare == null ? null : invoke(prepare, new Object[0]);
      if (prepared == null) {
        afterPrepare();
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> done = new CompletableFuture<>();
      prepared.whenComplete(
          (v, e) -> {
            try {
              if (e != null) {
                handleException(e);
              } else {
                afterPrepare();
              }
            } finally {
              done.complete(null);
            }
          });
      return done;
    } catch (Throwable e) {
      handleException(e);
      return CompletableFuture.completedFuture(null);
    }
  }

  /** Applies {@link RemoveSlash} / {@link AddSlash}; false when the request was answered. */
  private boolean fixSlash(int rule) {
    String path = request.path();
    boolean endsWithSlash = path.endsWith("/");
    String target;
    if (rule < 0 && endsWithSlash && path.length() > 1) {
      int end = path.length();
      while (end > 0 && path.charAt(end - 1) == '/') {
        end--;
      }
      target = path.substring(0, end);
      if (target.isEmpty()) {
        target = "/";
      }
    } else if (rule > 0 && !endsWithSlash) {
      target = path + "/";
    } else {
      return true;
    }
    String method = request.method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new HttpError(404);
    }
    if (target.startsWith("//") || target.startsWith("/\\")) {
      // a browser reads "//host/..." as another site: never redirect there
      throw new HttpError(404, "refusing to redirect to %s", target);
    }
    if (!request.query().isEmpty()) {
      target = target + "?" + request.query();
    }
    redirect(target, true);
    return false;
  }

  private void afterPrepare() {
    try {
      if (finished) {
        return;
      }
      if (dispatch.streamRequestBody() && bodyDone != null && !bodyDone.isDone()) {
        bodyDone.whenComplete(
            (v, e) -> {
              if (e != null) {
                handleException(e);
              } else {
                runVerb();
              }
            });
        return;
      }
      runVerb();
    } catch (Throwable e) {
      handleException(e);
    }
  }

  private void runVerb() {
    try {
      if (finished) {
        return;
      }
      String verb = request.method();
      HandlerDispatch.Target target = dispatch.target(verb, pathArgs.size());
      if (target == null) {
        if (dispatch.implementsVerb(verb)) {
          throw new IllegalStateException(
              getClass().getName()
                  + " has no "
                  + verb.toLowerCase(java.util.Locale.ROOT)
                  + " method taking "
                  + pathArgs.size()
                  + " String arguments for route groups");
        }
        throw new HttpError(405);
      }
      if (target.authenticated() && !checkAuthenticated()) {
        return;
      }
      Object[] args =
          target.varargs()
              ? new Object[] {pathArgs.toArray(new String[0])}
              : orderedArgs(target).toArray();
      CompletableFuture<?> done = invoke(target, args);
      if (done == null) {
        autoFinish();
      } else {
        done.whenComplete(
            (v, e) -> {
              if (e != null) {
                handleException(e);
              } else {
                autoFinish();
              }
            });
      }
    } catch (Throwable e) {
      handleException(e);
    }
  }

  private void autoFinish() {
    if (autoFinish && !finished) {
      finish();
    }
  }

  /**
   * Turns off the automatic finish after the verb method: the handler will call {@link #finish()}
   * itself later (for example from a callback). Rarely needed: return a stage instead.
   */
  protected void disableAutoFinish() {
    autoFinish = false;
  }

  private List<String> orderedArgs(HandlerDispatch.Target target) {
    if (pathKwargs.isEmpty()) {
      return pathArgs;
    }
    // named groups: pass by parameter name when the class was compiled with -parameters
    String[] names = target.parameterNames();
    List<String> out = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      if (names[i] == null || !pathKwargs.containsKey(names[i])) {
        return pathArgs;
      }
      out.add(pathKwargs.get(names[i]));
    }
    return out;
  }

  /**
   * Calls a handler method. Returns null when it completed synchronously, else a future completed
   * on the loop thread.
   */
  private CompletableFuture<?> invoke(HandlerDispatch.Target target, Object[] args)
      throws Throwable {
    IOLoop loop = loop();
    if (target.blocking()) {
      CompletableFuture<Object> done = new CompletableFuture<>();
      Thread.ofVirtual()
          .name("squall-blocking-" + getClass().getSimpleName())
          .start(
              () -> {
                try {
                  Object r = callTarget(target, args);
                  if (r instanceof CompletionStage<?> stage) {
                    r = stage.toCompletableFuture().join();
                  }
                  Object result = r;
                  loop.addCallback(() -> done.complete(result));
                } catch (Throwable e) {
                  Throwable cause = unwrap(e);
                  loop.addCallback(() -> done.completeExceptionally(cause));
                }
              });
      return done;
    }
    Object r = callTarget(target, args);
    if (r instanceof CompletionStage<?> stage) {
      CompletableFuture<?> f = stage.toCompletableFuture();
      if (f.isDone() && !f.isCompletedExceptionally()) {
        return null;
      }
      CompletableFuture<Object> onLoop = new CompletableFuture<>();
      f.whenComplete(
          (v, e) -> {
            if (loop.inLoopThread()) {
              complete(onLoop, v, e);
            } else {
              loop.addCallback(() -> complete(onLoop, v, e));
            }
          });
      return onLoop;
    }
    return null;
  }

  private static void complete(CompletableFuture<Object> f, Object v, Throwable e) {
    if (e != null) {
      f.completeExceptionally(unwrap(e));
    } else {
      f.complete(v);
    }
  }

  private Object callTarget(HandlerDispatch.Target target, Object[] args) throws Throwable {
    if (target.returnsStage()) {
      return target.handle().invokeExact((Object) this, args);
    }
    target.handle().invokeExact((Object) this, args);
    return null;
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof java.util.concurrent.CompletionException
            || e instanceof java.util.concurrent.ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** Marks the request answered by someone else (the fallback handler). */
  final void markFinishedExternally() {
    finished = true;
    try {
      onFinish();
    } catch (RuntimeException e) {
      log.error("Exception in onFinish of {}", getClass().getName(), e);
    }
  }

  final void startBodyStream() {
    bodyDone = new CompletableFuture<>();
  }

  final void bodyStreamFinished() {
    if (bodyDone != null) {
      bodyDone.complete(null);
    }
  }

  final void connectionLost() {
    if (connectionClosed) {
      return; // already heard of it (a failed write can tell before the connection does)
    }
    connectionClosed = true;
    if (bodyDone != null && !bodyDone.isDone()) {
      bodyDone.completeExceptionally(new io.squall.iostream.StreamClosedError());
    }
    try {
      onConnectionClose();
    } catch (RuntimeException e) {
      log.error("Exception in onConnectionClose of {}", getClass().getName(), e);
    }
  }

  private void decodePathArgs() {
    if (rawGroups.length == 0) {
      return;
    }
    List<String> args = new ArrayList<>(rawGroups.length);
    for (String g : rawGroups) {
      args.add(g == null ? null : decodePathComponent(g));
    }
    pathArgs = Collections.unmodifiableList(args);
    if (!groupNames.isEmpty() && groupNames.stream().noneMatch(String::isEmpty)) {
      Map<String, String> kw = new java.util.LinkedHashMap<>();
      for (int i = 0; i < groupNames.size(); i++) {
        kw.put(groupNames.get(i), args.get(i));
      }
      pathKwargs = Collections.unmodifiableMap(kw);
    }
  }

  private static String decodePathComponent(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    byte[] bytes;
    try {
      bytes = PercentDecoder.decode(raw, false);
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "Invalid percent-encoding in path: %s", raw);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new HttpError(400, "Invalid unicode in path: %s", raw);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Accessors

  /** The application serving this request. */
  public Application application() {
    return application;
  }

  /** The application's settings. */
  public Settings settings() {
    return application.settings();
  }

  /** The request. */
  public HttpServerRequest request() {
    return request;
  }

  /** The loop of the request's connection. */
  public IOLoop loop() {
    HttpConnection c = request.connection();
    return c != null ? c.loop() : IOLoop.current();
  }

  /** The route's groups, URL-decoded, in order; null for an optional group that did not match. */
  public List<String> pathArgs() {
    return pathArgs;
  }

  /** The route's named groups, URL-decoded; empty when the pattern has no named groups. */
  public Map<String, String> pathKwargs() {
    return pathKwargs;
  }

  /**
   * Raises or lowers the largest request body accepted for this request (the server's {@code
   * maxBodySize} is the default). Call it in {@code prepare()} of a {@link StreamRequestBody}
   * handler, before the body is read; a larger body then gets 413.
   */
  public void setMaxBodySize(long bytes) {
    HttpConnection c = request.connection();
    if (c != null) {
      c.setMaxBodySize(bytes);
    }
  }

  /** Whether {@link #finish()} ran. */
  public boolean isFinished() {
    return finished;
  }

  /** Whether the client closed the connection. */
  public boolean isConnectionClosed() {
    return connectionClosed;
  }

  // ------------------------------------------------------------------------------------------
  // Input

  /**
   * The last value of argument {@code name} from the query or a form body, with control characters
   * replaced and surrounding white space stripped, as Tornado does.
   *
   * @throws MissingArgumentError (400) when absent
   */
  public String getArgument(String name) {
    return required(request.arguments(), name);
  }

  /** As {@link #getArgument(String)}, with a default for an absent argument. */
  public String getArgument(String name, String defaultValue) {
    return optional(request.arguments(), name, defaultValue);
  }

  /** Every value of argument {@code name} from query and body, cleaned; empty when absent. */
  public List<String> getArguments(String name) {
    return cleanAll(request.arguments().get(name));
  }

  /** As {@link #getArgument(String)}, from the query string only. */
  public String getQueryArgument(String name) {
    return required(request.queryArguments(), name);
  }

  /** As {@link #getArgument(String, String)}, from the query string only. */
  public String getQueryArgument(String name, String defaultValue) {
    return optional(request.queryArguments(), name, defaultValue);
  }

  /** Every value of a query argument. */
  public List<String> getQueryArguments(String name) {
    return cleanAll(request.queryArguments().get(name));
  }

  /** As {@link #getArgument(String)}, from the form body only. */
  public String getBodyArgument(String name) {
    return required(request.bodyArguments(), name);
  }

  /** As {@link #getArgument(String, String)}, from the form body only. */
  public String getBodyArgument(String name, String defaultValue) {
    return optional(request.bodyArguments(), name, defaultValue);
  }

  /** Every value of a body argument. */
  public List<String> getBodyArguments(String name) {
    return cleanAll(request.bodyArguments().get(name));
  }

  private static String required(Map<String, List<String>> args, String name) {
    String v = last(args.get(name));
    if (v == null) {
      throw new MissingArgumentError(name);
    }
    return clean(v, true);
  }

  private static String optional(Map<String, List<String>> args, String name, String defaultValue) {
    String v = last(args.get(name));
    return v == null ? defaultValue : clean(v, true);
  }

  private static String last(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }

  private static List<String> cleanAll(List<String> values) {
    if (values == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(clean(v, true));
    }
    return out;
  }

  /** Replaces C0 control characters other than TAB, LF, VT, FF, CR with a space; strips. */
  private static String clean(String v, boolean strip) {
    StringBuilder sb = null;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c <= 0x08 || (c >= 0x0e && c <= 0x1f)) {
        if (sb == null) {
          sb = new StringBuilder(v);
        }
        sb.setCharAt(i, ' ');
      }
    }
    String s = sb == null ? v : sb.toString();
    return strip ? s.strip() : s;
  }

  /**
   * The request body parsed as JSON into {@code type}.
   *
   * @throws HttpError 400 when the body is not valid JSON for {@code type}
   */
  public <T> T getJsonBody(Class<T> type) {
    try {
      return Json.mapper().readValue(request.body(), type);
    } catch (JacksonException e) {
      throw new HttpError(400, "Invalid JSON body: %s", e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new HttpError(400, "Invalid JSON body: %s", e.getMessage());
    }
  }

  /** The request body parsed as a JSON tree; 400 when it is not valid JSON. */
  public JsonNode getJsonBody() {
    return getJsonBody(JsonNode.class);
  }

  /** The value of cookie {@code name}, or null. */
  public String getCookie(String name) {
    return request.cookies().get(name);
  }

  /** The value of cookie {@code name}, or {@code defaultValue}. */
  public String getCookie(String name, String defaultValue) {
    String v = request.cookies().get(name);
    return v == null ? defaultValue : v;
  }

  /** All cookies of the request. */
  public Map<String, String> cookies() {
    return request.cookies();
  }

  // ------------------------------------------------------------------------------------------
  // Output

  /** Sets the status with its standard reason phrase. */
  public void setStatus(int status) {
    setStatus(status, null);
  }

  /**
   * Sets the status and a reason phrase (null for the standard one).
   *
   * @throws IllegalArgumentException for a status without three digits or a reason with CR, LF or
   *     NUL
   */
  public void setStatus(int status, String reason) {
    // validated now, where the mistake is, not when the headers go out
    ResponseStartLine checked =
        new ResponseStartLine(
            "HTTP/1.1", status, reason != null ? reason : HttpStatus.reason(status));
    this.status = status;
    this.reason = checked.reason();
  }

  /** The response status. */
  public int getStatus() {
    return status;
  }

  /**
   * Sets a response header, replacing earlier values.
   *
   * @throws IllegalArgumentException for a name that is not a token or a value with CR, LF or NUL
   */
  public void setHeader(String name, Object value) {
    headers.set(name, headerValue(value));
  }

  /** Adds a response header value, keeping earlier ones. */
  public void addHeader(String name, Object value) {
    headers.add(name, headerValue(value));
  }

  /** Removes a response header. */
  public void clearHeader(String name) {
    headers.remove(name);
  }

  /** The response headers set so far (a new object after {@link #clear()}). */
  public HttpHeaders responseHeaders() {
    return headers;
  }

  private static String headerValue(Object value) {
    if (value instanceof Instant t) {
      return io.squall.http.HttpDates.format(t);
    }
    return String.valueOf(value);
  }

  /** Appends text (UTF-8) to the response body. */
  public void write(String chunk) {
    write(chunk.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends bytes to the response body. */
  public void write(byte[] chunk) {
    if (finished) {
      throw new IllegalStateException("Cannot write() after finish()");
    }
    writeBuffer.add(chunk);
    writeBufferSize += chunk.length;
  }

  /**
   * Writes {@code value} as JSON (Jackson) and sets {@code Content-Type: application/json}. A
   * {@code String} or {@code byte[]} is written as is.
   */
  public void write(Object value) {
    if (value instanceof String s) {
      write(s);
      return;
    }
    if (value instanceof byte[] b) {
      write(b);
      return;
    }
    try {
      write(Json.mapper().writeValueAsBytes(value));
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "cannot write value as JSON: " + e.getOriginalMessage(), e);
    }
    setHeader("Content-Type", JSON_TYPE);
  }

  /**
   * Sends the headers (the first time) and what was written so far. The future completes when the
   * bytes reach the socket, so a producer can wait before writing more.
   */
  public CompletableFuture<Void> flush() {
    if (!loopThread()) {
      return onLoop(this::flush);
    }
    return flush(false);
  }

  private CompletableFuture<Void> flush(boolean finishing) {
    HttpConnection conn = request.connection();
    if (connectionClosed || conn == null || conn.isClosed()) {
      writeBuffer = new ArrayList<>();
      writeBufferSize = 0;
      if (!droppedWriteLogged) {
        droppedWriteLogged = true;
        log.debug("client went away; dropping output of {}", request);
      }
      return CompletableFuture.completedFuture(null);
    }
    byte[] chunk = joinBuffer();
    if (!headersWritten) {
      ResponseStartLine startLine = new ResponseStartLine("HTTP/1.1", status, reason);
      headersWritten = true;
      if (gzip != null) {
        chunk = gzip.transformFirstChunk(status, headers, chunk, finishing);
      }
      if (request.method().equals("HEAD")) {
        chunk = null;
      }
      return conn.writeHeaders(startLine, headers, chunk);
    }
    if (gzip != null) {
      chunk = gzip.transformChunk(chunk, finishing);
    }
    if (request.method().equals("HEAD")) {
      return CompletableFuture.completedFuture(null);
    }
    return conn.write(chunk);
  }

  private byte[] joinBuffer() {
    byte[] out;
    if (writeBuffer.size() == 1) {
      out = writeBuffer.get(0);
    } else {
      out = new byte[writeBufferSize];
      int at = 0;
      for (byte[] b : writeBuffer) {
        System.arraycopy(b, 0, out, at, b.length);
        at += b.length;
      }
    }
    writeBuffer = new ArrayList<>();
    writeBufferSize = 0;
    return out;
  }

  /** Turns off output transforms (gzip) for this response; for bodies sent as file regions. */
  final void disableTransforms() {
    gzip = null;
  }

  /**
   * Sends the headers (with a Content-Length) and then a region of {@code file} with zero-copy
   * transfer. The future completes when the region has gone to the socket.
   */
  final CompletableFuture<Void> writeFileRegion(
      java.nio.channels.FileChannel file, long position, long count) {
    CompletableFuture<Void> head = flush(false);
    HttpConnection conn = request.connection();
    if (connectionClosed || conn == null || conn.isClosed()) {
      return head;
    }
    return conn.writeFile(file, position, count);
  }

  /**
   * Sends the response headers written so far and takes the connection's stream away from HTTP, for
   * protocols that upgrade (WebSocket). The request counts as finished (it is logged); the caller
   * owns the stream from now on. Call on the loop.
   */
  protected final io.squall.iostream.IOStream detach() {
    if (finished) {
      throw new IllegalStateException("detach() after finish()");
    }
    flush(false);
    io.squall.iostream.IOStream stream = request.connection().detach();
    finished = true;
    application.logRequest(this);
    return stream;
  }

  /** Ends the response: sends what is buffered and lets the connection go on. */
  public CompletableFuture<Void> finish() {
    if (!loopThread()) {
      return onLoop(this::finish);
    }
    if (finished) {
      throw new IllegalStateException("finish() called twice");
    }
    CompletableFuture<Void> sent;
    if (!headersWritten) {
      String method = request.method();
      if ((status == 200 || status == 304)
          && (method.equals("GET") || method.equals("HEAD"))
          && !headers.contains("Etag")) {
        setEtagHeader();
        if (checkEtagHeader()) {
          writeBuffer = new ArrayList<>();
          writeBufferSize = 0;
          setStatus(304);
        }
      }
      if (status == 204 || status == 304 || status < 200) {
        if (writeBufferSize > 0) {
          throw new IllegalStateException("Cannot send a body with status " + status);
        }
        clearRepresentationHeaders();
      } else if (!headers.contains("Content-Length")) {
        setHeader("Content-Length", Integer.toString(writeBufferSize));
      }
    }
    sent = flush(true);
    HttpConnection conn = request.connection();
    if (conn != null && !connectionClosed && !conn.isClosed()) {
      conn.finish();
    }
    finished = true;
    application.logRequest(this);
    try {
      onFinish();
    } catch (RuntimeException e) {
      log.error("Exception in onFinish of {}", getClass().getName(), e);
    }
    return sent;
  }

  private void clearRepresentationHeaders() {
    for (String h :
        List.of("Content-Encoding", "Content-Language", "Content-Type", "Content-Length")) {
      headers.remove(h);
    }
  }

  /** Writes {@code chunk} and finishes. */
  public CompletableFuture<Void> finish(Object chunk) {
    if (chunk != null) {
      write(chunk);
    }
    return finish();
  }

  /** Redirects with 302 to {@code url}. */
  public void redirect(String url) {
    redirect(url, false);
  }

  /** Redirects to {@code url} with 301 when {@code permanent}, else 302. */
  public void redirect(String url, boolean permanent) {
    redirect(url, permanent ? 301 : 302);
  }

  /** Redirects to {@code url} with a 3xx {@code status}. */
  public void redirect(String url, int status) {
    if (headersWritten) {
      throw new IllegalStateException("Cannot redirect after headers have been written");
    }
    if (status < 300 || status > 399) {
      throw new IllegalArgumentException("redirect status must be 3xx: " + status);
    }
    setStatus(status);
    setHeader("Location", url);
    finish();
  }

  /**
   * Sends an error page for {@code status} (Tornado's {@code send_error}): clears what was written,
   * then calls {@link #writeError}. After headers were sent this can only end the response.
   */
  public void sendError(int status) {
    sendError(status, null);
  }

  /** As {@link #sendError(int)}, with the exception that caused it (for the stack trace). */
  public void sendError(int status, Throwable cause) {
    if (!loopThread()) {
      onLoop(
          () -> {
            sendError(status, cause);
            return CompletableFuture.completedFuture(null);
          });
      return;
    }
    if (headersWritten) {
      if (!clientGone()) {
        genLog.error("Cannot send error response after headers written");
      }
      if (!finished) {
        HttpConnection conn = request.connection();
        if (conn != null) {
          conn.abort();
        }
        finished = true;
        application.logRequest(this);
        try {
          onFinish();
        } catch (RuntimeException e) {
          log.error("Exception in onFinish of {}", getClass().getName(), e);
        }
      }
      return;
    }
    clear();
    if (status == 405 && dispatch != null) {
      setHeader("Allow", String.join(", ", dispatch.allowedVerbs()));
    }
    String r = null;
    if (cause instanceof HttpError he) {
      r = he.reason();
    }
    setStatus(status, r);
    try {
      if (status != 204 && status != 304 && status >= 200) {
        writeError(status, cause); // these statuses have no body (throw new HttpError(304) works)
      }
    } catch (RuntimeException e) {
      log.error("Uncaught exception in writeError", e);
    }
    if (!finished) {
      finish();
    }
  }

  /**
   * Writes the body of an error page. Override for custom error pages. The default is a small HTML
   * page; with the {@code serveTraceback} setting and an exception, the stack trace as plain text.
   */
  public void writeError(int status, Throwable cause) {
    if (cause != null && settings().serveTraceback() && !(cause instanceof HttpError)) {
      setHeader("Content-Type", "text/plain; charset=UTF-8");
      StringWriter sw = new StringWriter();
      cause.printStackTrace(new PrintWriter(sw));
      write(sw.toString());
      return;
    }
    String text = Escape.xhtmlEscape(status + ": " + reason);
    write("<html><title>" + text + "</title><body>" + text + "</body></html>");
  }

  // ------------------------------------------------------------------------------------------
  // Errors

  private void handleException(Throwable e) {
    e = unwrap(e);
    if (e instanceof Finish) {
      if (!finished) {
        finish();
      }
      return;
    }
    // A write or body read failed because the client went away: that is no server error. The
    // handler hears of it (onConnectionClose) and the request ends quietly, without ERROR lines
    // for every client that leaves early.
    boolean clientLeft =
        e instanceof io.squall.iostream.StreamClosedError
            || (e instanceof java.io.IOException && clientGone());
    if (clientLeft) {
      connectionLost(); // a failed write may tell before the connection does; runs once
    }
    if (finished) {
      if (!(e instanceof HttpError) && !clientLeft) {
        log.error("Exception after {} was finished", request, e);
      }
      return;
    }
    if (e instanceof io.squall.http.HttpInputException hie) {
      // bad client input (e.g. invalid UTF-8 in an argument): a 4xx with a warning, not a 500
      e = new HttpError(hie.status(), "%s", hie.getMessage());
    }
    if (clientLeft) {
      log.debug("client went away during {}: {}", summary(), e.toString());
      endAfterClientLeft();
      return;
    }
    logException(e);
    if (e instanceof HttpError he) {
      sendError(he.status(), he);
    } else {
      sendError(500, e);
    }
  }

  /**
   * Ends a request whose client went away: nobody can receive an error page. The access log gets a
   * line only when a response had been started.
   */
  private void endAfterClientLeft() {
    finished = true;
    HttpConnection conn = request.connection();
    if (conn != null && !conn.isClosed()) {
      conn.abort();
    }
    if (headersWritten) {
      application.logRequest(this);
    }
    try {
      onFinish();
    } catch (RuntimeException e) {
      log.error("Exception in onFinish of {}", getClass().getName(), e);
    }
  }

  /** Whether the client's connection is gone (closed by the client, or after an error). */
  private boolean clientGone() {
    HttpConnection conn = request.connection();
    return connectionClosed || (conn != null && conn.isClosed());
  }

  /** Logs an exception from a handler (Tornado's {@code log_exception}). Override to change. */
  protected void logException(Throwable e) {
    if (e instanceof HttpError he) {
      if (he.logMessage() != null) {
        genLog.warn("{} {}: {}", he.status(), summary(), he.logMessage());
      }
    } else {
      log.error("Uncaught exception {}\n{}", summary(), request, e);
    }
  }

  String summary() {
    return request.method() + " " + request.uri() + " (" + request.remoteIp() + ")";
  }

  // ------------------------------------------------------------------------------------------
  // ETags

  /**
   * The ETag of the buffered body, or null for none. The default is a SHA-1 of the body; override
   * to use a version number or to turn ETags off.
   */
  public String computeEtag() {
    List<ByteBuffer> chunks = new ArrayList<>(writeBuffer.size());
    for (byte[] b : writeBuffer) {
      chunks.add(ByteBuffer.wrap(b));
    }
    return Etags.strong(chunks);
  }

  /** Sets the {@code Etag} header from {@link #computeEtag()}. */
  public void setEtagHeader() {
    String etag = computeEtag();
    if (etag != null) {
      setHeader("Etag", etag);
    }
  }

  /** Whether the request's {@code If-None-Match} matches the response's {@code Etag}. */
  public boolean checkEtagHeader() {
    String etag = headers.get("Etag");
    String inm = request.headers().get("If-None-Match");
    return etag != null && inm != null && Etags.ifNoneMatch(inm, etag);
  }

  // ------------------------------------------------------------------------------------------
  // Cookies

  /** Sets a cookie with path {@code /}. */
  public void setCookie(String name, String value) {
    setCookie(name, value, CookieOptions.defaults());
  }

  /** Sets a cookie with the given options. */
  public void setCookie(String name, String value, CookieOptions options) {
    SetCookieBuilder b = SetCookieBuilder.of(name, value);
    options.applyTo(b);
    addHeader("Set-Cookie", b.build());
  }

  /** Deletes a cookie at path {@code /}. */
  public void clearCookie(String name) {
    clearCookie(name, CookieOptions.defaults());
  }

  /** Deletes a cookie set with the given path and domain. */
  public void clearCookie(String name, CookieOptions options) {
    SetCookieBuilder b = SetCookieBuilder.clearing(name);
    options.applyPathAndDomain(b);
    addHeader("Set-Cookie", b.build());
  }

  /**
   * Sets a cookie signed with the {@code cookieSecret} setting, valid for {@code expiresDays} in
   * the browser (Tornado's {@code set_signed_cookie}).
   */
  public void setSignedCookie(String name, String value, int expiresDays) {
    setCookie(
        name,
        createSignedValue(name, value),
        CookieOptions.builder().expires(Instant.now().plus(Duration.ofDays(expiresDays))).build());
  }

  /** As {@link #setSignedCookie(String, String, int)} for 30 days. */
  public void setSignedCookie(String name, String value) {
    setSignedCookie(name, value, 30);
  }

  /** Signs {@code value} for a cookie named {@code name}. */
  public String createSignedValue(String name, String value) {
    return SignedValues.create(cookieSecret(), name, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The verified value of a signed cookie, or null when absent, tampered with, or older than the
   * {@code signedCookieMaxAgeDays} setting.
   */
  public String getSignedCookie(String name) {
    return getSignedCookie(name, settings().signedCookieMaxAgeDays());
  }

  /** As {@link #getSignedCookie(String)} with a maximum age in days. */
  public String getSignedCookie(String name, double maxAgeDays) {
    String raw = getCookie(name);
    if (raw == null) {
      return null;
    }
    byte[] v = SignedValues.decode(cookieSecret(), name, raw, maxAgeDays);
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  private CookieSecret cookieSecret() {
    return application.cookieSecret();
  }

  // ------------------------------------------------------------------------------------------
  // Authentication

  /**
   * Finds the logged-in user for this request; null when nobody is. Override, typically reading a
   * signed cookie. Called at most once per request, through {@link #currentUser()}.
   */
  protected Object getCurrentUser() {
    return null;
  }

  /** The logged-in user (from {@link #getCurrentUser()}, cached), or null. */
  public Object currentUser() {
    if (!currentUserLoaded) {
      currentUser = getCurrentUser();
      currentUserLoaded = true;
    }
    return currentUser;
  }

  /** Sets the current user, e.g. from an async {@code prepare()}. */
  public void setCurrentUser(Object user) {
    currentUser = user;
    currentUserLoaded = true;
  }

  /** The login page URL from the {@code loginUrl} setting. */
  public String getLoginUrl() {
    String url = settings().loginUrl();
    if (url == null) {
      throw new IllegalStateException("the loginUrl setting is needed for @Authenticated");
    }
    return url;
  }

  private boolean checkAuthenticated() {
    if (currentUser() != null) {
      return true;
    }
    String method = request.method();
    if (method.equals("GET") || method.equals("HEAD")) {
      String url = getLoginUrl();
      if (!url.contains("?")) {
        String next =
            url.startsWith("http://") || url.startsWith("https://")
                ? request.fullUrl()
                : request.uri();
        url = url + "?next=" + Escape.urlEscape(next, true);
      }
      redirect(url);
      return false;
    }
    throw new HttpError(403);
  }

  // ------------------------------------------------------------------------------------------
  // XSRF

  /**
   * The XSRF token of this browser (Tornado's {@code xsrf_token}): read from the {@code _xsrf}
   * cookie, or made and set as a cookie. The returned form is masked afresh per request.
   */
  public String xsrfToken() {
    if (xsrfEncoded == null) {
      XsrfTokens.Decoded existing = XsrfTokens.decode(getCookie(settings().xsrfCookieName()));
      long now = Instant.now().getEpochSecond();
      if (existing == null) {
        xsrfToken = XsrfTokens.newToken();
        xsrfEncoded = XsrfTokens.encode(xsrfToken, now);
        setCookie(settings().xsrfCookieName(), xsrfEncoded, CookieOptions.defaults());
      } else {
        xsrfToken = existing.token();
        xsrfEncoded = XsrfTokens.encode(xsrfToken, existing.timestamp());
      }
    }
    return xsrfEncoded;
  }

  /** A hidden form field with the XSRF token, to include in every POST form. */
  public String xsrfFormHtml() {
    return XsrfTokens.formHtml(xsrfToken());
  }

  /**
   * Checks that the {@code _xsrf} argument or the {@code X-XSRFToken}/{@code X-CSRFToken} header
   * matches the cookie; 403 otherwise. Runs before {@code prepare} for POST, PUT, PATCH and DELETE
   * when the {@code xsrfCookies} setting is on.
   */
  public void checkXsrfCookie() {
    String sent = getArgument("_xsrf", null);
    if (sent == null) {
      sent = request.headers().get("X-Xsrftoken");
    }
    if (sent == null) {
      sent = request.headers().get("X-Csrftoken");
    }
    if (sent == null) {
      throw new HttpError(403, "'_xsrf' argument missing from %s", request.method());
    }
    XsrfTokens.Decoded fromRequest = XsrfTokens.decode(sent);
    XsrfTokens.Decoded fromCookie = XsrfTokens.decode(getCookie(settings().xsrfCookieName()));
    if (fromRequest == null) {
      throw new HttpError(403, "'_xsrf' argument has invalid format");
    }
    if (fromCookie == null || !XsrfTokens.matches(fromRequest.token(), fromCookie.token())) {
      throw new HttpError(403, "XSRF cookie does not match %s argument", request.method());
    }
  }

  // ------------------------------------------------------------------------------------------
  // Templates

  /**
   * Renders template {@code name} from the application's loader with {@code model} and the
   * handler's namespace, adds the CSS/JS of the UI modules it used, and finishes the response
   * (Tornado's {@code render}).
   */
  public CompletableFuture<Void> render(String name, Map<String, ?> model) {
    if (finished) {
      throw new IllegalStateException("Cannot render() after finish()");
    }
    UIModules modules = newUiModules();
    String html = renderWith(name, model, modules);
    return finish(modules.insertResources(html));
  }

  /** As {@link #render(String, Map)} with no model. */
  public CompletableFuture<Void> render(String name) {
    return render(name, Map.of());
  }

  /**
   * Renders template {@code name} to a string without writing it (Tornado's {@code render_string}).
   */
  public String renderString(String name, Map<String, ?> model) {
    return renderWith(name, model, newUiModules());
  }

  private String renderWith(String name, Map<String, ?> model, UIModules modules) {
    Template t = application.templateLoader().load(name);
    Map<String, Object> ns = new java.util.HashMap<>(getTemplateNamespace());
    ns.put(UIModules.NAMESPACE_KEY, modules);
    ns.putAll(model);
    return t.generate(ns);
  }

  private UIModules newUiModules() {
    Map<String, Supplier<UIModule>> factories = new java.util.HashMap<>();
    settings().uiModules().forEach((k, f) -> factories.put(k, () -> f.apply(this)));
    return new UIModules(factories, this::staticUrlOrPath);
  }

  private String staticUrlOrPath(String path) {
    return settings().staticPath() == null ? path : staticUrl(path);
  }

  /**
   * The names every template rendered by this handler sees (Tornado's {@code
   * get_template_namespace}): {@code handler}, {@code request}, {@code current_user}, {@code
   * locale}, {@code _}, {@code static_url}, {@code xsrf_form_html}, {@code reverse_url}. Override
   * to add more.
   */
  protected Map<String, Object> getTemplateNamespace() {
    Map<String, Object> ns = new java.util.HashMap<>();
    ns.put("handler", this);
    ns.put("request", request);
    ns.put("current_user", currentUser());
    ns.put("locale", null);
    ns.put("_", (TemplateFunction) args -> args.length == 0 ? "" : String.valueOf(args[0]));
    ns.put(
        "static_url",
        (io.squall.template.KeywordFunction)
            a -> {
              a.expect("static_url", "path", "include_host");
              String url = staticUrl(String.valueOf(a.get(0, "path")));
              return a.flag(1, "include_host", false)
                  ? request.protocol() + "://" + request.host() + url
                  : url;
            });
    ns.put("xsrf_form_html", (Supplier<String>) this::xsrfFormHtml);
    ns.put(
        "reverse_url",
        (TemplateFunction)
            args -> {
              if (args.length == 0) {
                throw new IllegalArgumentException("reverse_url needs a route name");
              }
              return reverseUrl(
                  String.valueOf(args[0]), java.util.Arrays.copyOfRange(args, 1, args.length));
            });
    return ns;
  }

  // ------------------------------------------------------------------------------------------
  // URLs

  /** The path of the route named {@code name} with {@code args} in its groups. */
  public String reverseUrl(String name, Object... args) {
    return application.reverseUrl(name, args);
  }

  /**
   * The URL of a static file with a version hash for long caching (Tornado's {@code static_url}).
   */
  public String staticUrl(String path) {
    return application.staticUrl(path);
  }

  // ------------------------------------------------------------------------------------------
  // Threads

  private boolean loopThread() {
    HttpConnection c = request.connection();
    return c == null || c.loop().inLoopThread() || !c.loop().isRunning();
  }

  /** Runs {@code action} on the loop and waits for it (from a {@link Blocking} method). */
  private CompletableFuture<Void> onLoop(Supplier<CompletableFuture<Void>> action) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop()
        .addCallback(
            () -> {
              try {
                action.get().whenComplete((v, e) -> complete(done, e));
              } catch (Throwable e) {
                done.completeExceptionally(e);
              }
            });
    try {
      done.join();
    } catch (java.util.concurrent.CompletionException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
    return done;
  }

  private static void complete(CompletableFuture<Void> f, Throwable e) {
    if (e != null) {
      f.completeExceptionally(unwrap(e));
    } else {
      f.complete(null);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + (request == null ? "-" : summary()) + ")";
  }
}
