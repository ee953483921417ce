package io.squall.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.escape.internal.UrlCodec;
import io.squall.http.HttpConnection;
import io.squall.http.HttpHeaders;
import io.squall.http.HttpServerRequest;
import io.squall.ioloop.IOLoop;
import io.squall.ioloop.internal.Futures;
import io.squall.iostream.IOStream;
import io.squall.locale.Locale;
import io.squall.template.BaseLoader;
import io.squall.template.Template;
import io.squall.template.TemplateFacing;
import io.squall.template.UIModules;
import io.squall.web.internal.CookieSecret;
import io.squall.web.internal.ErrorResponder;
import io.squall.web.internal.HandlerDispatch;
import io.squall.web.internal.HandlerInvoker;
import io.squall.web.internal.LocaleSelection;
import io.squall.web.internal.RequestArguments;
import io.squall.web.internal.ResponseBuffer;
import io.squall.web.internal.SetCookieBuilder;
import io.squall.web.internal.SignedValues;
import io.squall.web.internal.TemplateRenderer;
import io.squall.web.internal.XsrfGuard;
import io.squall.web.internal.XsrfTokens;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Base class of request handlers (Tornado's {@code RequestHandler}). A new instance serves each
 * request.
 *
 * <p><b>Verb methods.</b> This class declares {@link #get()}, {@link #head()}, {@link #post()},
 * {@link #put()}, {@link #patch()}, {@link #delete()} and {@link #options()}; each answers 405 with
 * an {@code Allow} header naming the verbs the handler does implement, as Tornado's do. Override
 * the ones you serve on a route without groups:
 *
 * <pre>{@code
 * public class MainHandler extends RequestHandler {
 *   @Override
 *   public void get() {
 *     write("Hello, world");
 *   }
 * }
 * }</pre>
 *
 * <p>A route with groups passes them as path arguments: declare the verb with one {@code String}
 * parameter per group (an overload of the declared method), or one {@code String...} parameter for
 * any number of groups. Named groups are passed by parameter name when the class is compiled with
 * {@code -parameters}, else in order; an optional group that did not match is null. {@link
 * #pathArgs()} and {@link #pathKwargs()} give them to any method.
 *
 * <pre>{@code
 * public class TaskHandler extends RequestHandler {
 *   public void get(String id) {             // route "/tasks/([0-9]+)"
 *     write(Map.of("id", id));
 *   }
 *
 *   public CompletableFuture<Void> delete(String id) {
 *     return store.remove(id);              // the response finishes when the stage completes
 *   }
 * }
 * }</pre>
 *
 * <p>A verb method returns {@code void} or a {@link CompletionStage}. The no-argument methods
 * declared here return {@code void}, so a handler on a route without groups that finishes
 * asynchronously declares the {@code String...} form, which also takes zero groups: {@code public
 * CompletableFuture<Void> get(String... pathArgs)}. For a request, the method whose parameter count
 * equals the route's group count is called, else the {@code String...} one. The declared methods
 * throw {@code Exception}, so an override may throw any exception (a checked one from blocking I/O,
 * {@link HttpError} for an error status); what it throws becomes an error response.
 *
 * <p>The methods are resolved once per handler class into method handles (never per request), and
 * checked when the application is built ({@link Application.Builder#build()}), which fails with a
 * message naming the class and the method for: a handler with neither a verb method nor {@code
 * prepare()}; a verb without a method for the route's group count; a verb method that is not
 * public, takes other than {@code String}s, or returns other than {@code void} or a stage; and a
 * public method that looks like a misspelt verb ({@code Post}, {@code gett}: a different case or
 * one letter off) and overrides nothing, since it would never be called.
 *
 * <p>HEAD is served by {@code get} when there is no {@code head}, with the body left out (Tornado
 * answers 405). An optional public {@code prepare()} (also {@code void} or a stage) runs before the
 * verb method. Methods run on the connection's loop; a method returning a stage lets the request
 * finish when it completes; methods marked {@link Blocking} run on a virtual thread.
 *
 * <p>The response is buffered by {@link #write} and sent by {@link #flush()} or {@link #finish()};
 * a handler that returns without finishing is finished automatically.
 *
 * <p><b>Threads.</b> Every response method ({@code write}, {@code setHeader}, {@code setStatus},
 * cookies, {@code clear}, {@code flush}, {@code finish}, {@code sendError}, {@code redirect},
 * {@code render}) may be called on the loop or from the virtual thread of a {@link Blocking}
 * method, with the same result. While a blocking method runs, its thread owns the handler: the
 * methods that only change the buffered response act on it directly, and those that send bytes
 * ({@code flush}, {@code finish}, {@code sendError}, {@code redirect}, {@code render}) hand the
 * work to the loop and wait for it there, so a blocking method may go on after they return; a
 * future they return is complete once the bytes went to the socket. If the loop closes meanwhile,
 * they fail with {@link io.squall.ioloop.LoopClosedException}. Do not call a handler from any other
 * thread; hand such work to {@link #loop()} with {@code addCallback}.
 */
public abstract class RequestHandler {
  /** Every response starts from these; copied, not re-validated, per request. */
  private static final HttpHeaders DEFAULT_HEADERS =
      HttpHeaders.of("Content-Type", "text/html; charset=UTF-8", "Server", "Squall");

  private final ResponseBuffer out = new ResponseBuffer();
  private final Invoker invoker = new Invoker();
  private Application application;
  private HttpServerRequest request;
  private Object currentUser;
  private boolean currentUserLoaded;
  private String xsrfToken;

  /** Handlers are made by the route's factory; the application initializes them. */
  protected RequestHandler() {}

  /** The two hooks the invoker needs that are not public API. */
  private final class Invoker extends HandlerInvoker {
    Invoker() {
      super(RequestHandler.this, RequestHandler.this.out);
    }

    @Override
    protected void logException(Throwable e) {
      RequestHandler.this.logException(e);
    }

    @Override
    protected void logRequest() {
      application.logRequest(RequestHandler.this);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Lifecycle, called by the application

  final void init(
      Application application, HttpServerRequest request, String[] groups, List<String> names) {
    this.application = application;
    this.request = request;
    invoker.init(request, HandlerDispatch.of(getClass()), groups, names);
    out.start(request, application.settings().compressResponse());
    clear();
    initialize();
  }

  /** The invoker that runs this handler's request (for the connection's delegate). */
  final HandlerInvoker invoker() {
    return invoker;
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
    out.resetHeaders(DEFAULT_HEADERS);
    setDefaultHeaders(); // in Tornado's order: headers, this hook, then body and status
    out.resetBodyAndStatus();
  }

  /**
   * Override to set headers every response of this handler carries, error pages included (for
   * example a custom {@code Server} header or CORS headers).
   */
  public void setDefaultHeaders() {}

  /**
   * Turns off the automatic finish after the verb method: the handler will call {@link #finish()}
   * itself later (for example from a callback). Rarely needed: return a stage instead.
   */
  protected void disableAutoFinish() {
    invoker.disableAutoFinish();
  }

  // ------------------------------------------------------------------------------------------
  // Verb methods: each answers 405 unless overridden (see the class comment for path groups)

  /**
   * Answers GET on a route without groups; the default answers 405 with {@code Allow}. Declare
   * {@code get(String...)} instead to return a {@link CompletionStage}.
   */
  public void get() throws Exception {
    throw new HttpError(405);
  }

  /**
   * Answers HEAD on a route without groups; when neither this nor a {@code head} overload is
   * declared, {@code get} answers HEAD without the body.
   */
  public void head() throws Exception {
    throw new HttpError(405);
  }

  /** Answers POST on a route without groups; the default answers 405 with {@code Allow}. */
  public void post() throws Exception {
    throw new HttpError(405);
  }

  /** Answers PUT on a route without groups; the default answers 405 with {@code Allow}. */
  public void put() throws Exception {
    throw new HttpError(405);
  }

  /** Answers PATCH on a route without groups; the default answers 405 with {@code Allow}. */
  public void patch() throws Exception {
    throw new HttpError(405);
  }

  /** Answers DELETE on a route without groups; the default answers 405 with {@code Allow}. */
  public void delete() throws Exception {
    throw new HttpError(405);
  }

  /** Answers OPTIONS on a route without groups; the default answers 405 with {@code Allow}. */
  public void options() throws Exception {
    throw new HttpError(405);
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
  @TemplateFacing
  public HttpServerRequest request() {
    return request;
  }

  /** The loop of the request's connection. */
  public IOLoop loop() {
    HttpConnection c = request.connection();
    return c != null ? c.loop() : IOLoop.current();
  }

  /** The route's groups, URL-decoded, in order; null for an optional group that did not match. */
  @TemplateFacing
  public List<String> pathArgs() {
    return invoker.pathArgs();
  }

  /** The route's named groups, URL-decoded; empty when the pattern has no named groups. */
  @TemplateFacing
  public Map<String, String> pathKwargs() {
    return invoker.pathKwargs();
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
    return out.finished();
  }

  /** Whether the client closed the connection. */
  public boolean isConnectionClosed() {
    return out.connectionClosed();
  }

  // ------------------------------------------------------------------------------------------
  // Input

  /**
   * The last value of argument {@code name} from the query or a form body, with control characters
   * replaced and surrounding white space stripped, as Tornado does.
   *
   * @throws MissingArgumentError (400) when absent
   */
  @TemplateFacing
  public String getArgument(String name) {
    return RequestArguments.required(this, request.arguments(), name, true);
  }

  /** As {@link #getArgument(String)}, with a default for an absent argument. */
  @TemplateFacing
  public String getArgument(String name, String defaultValue) {
    return getArgument(name, defaultValue, true);
  }

  /**
   * As {@link #getArgument(String, String)}; {@code strip} false keeps surrounding white space
   * (Tornado's {@code strip=False}).
   */
  @TemplateFacing
  public String getArgument(String name, String defaultValue, boolean strip) {
    return RequestArguments.optional(this, request.arguments(), name, defaultValue, strip);
  }

  /** Every value of argument {@code name} from query and body, cleaned; empty when absent. */
  @TemplateFacing
  public List<String> getArguments(String name) {
    return getArguments(name, true);
  }

  /** As {@link #getArguments(String)}; {@code strip} false keeps surrounding white space. */
  @TemplateFacing
  public List<String> getArguments(String name, boolean strip) {
    return RequestArguments.all(this, request.arguments(), name, strip);
  }

  /** As {@link #getArgument(String)}, from the query string only. */
  @TemplateFacing
  public String getQueryArgument(String name) {
    return RequestArguments.required(this, request.queryArguments(), name, true);
  }

  /** As {@link #getArgument(String, String)}, from the query string only. */
  @TemplateFacing
  public String getQueryArgument(String name, String defaultValue) {
    return getQueryArgument(name, defaultValue, true);
  }

  /** As {@link #getArgument(String, String, boolean)}, from the query string only. */
  @TemplateFacing
  public String getQueryArgument(String name, String defaultValue, boolean strip) {
    return RequestArguments.optional(this, request.queryArguments(), name, defaultValue, strip);
  }

  /** Every value of a query argument. */
  @TemplateFacing
  public List<String> getQueryArguments(String name) {
    return getQueryArguments(name, true);
  }

  /** Every value of a query argument; {@code strip} false keeps surrounding white space. */
  @TemplateFacing
  public List<String> getQueryArguments(String name, boolean strip) {
    return RequestArguments.all(this, request.queryArguments(), name, strip);
  }

  /** As {@link #getArgument(String)}, from the form body only. */
  @TemplateFacing
  public String getBodyArgument(String name) {
    return RequestArguments.required(this, request.bodyArguments(), name, true);
  }

  /** As {@link #getArgument(String, String)}, from the form body only. */
  @TemplateFacing
  public String getBodyArgument(String name, String defaultValue) {
    return getBodyArgument(name, defaultValue, true);
  }

  /** As {@link #getArgument(String, String, boolean)}, from the form body only. */
  @TemplateFacing
  public String getBodyArgument(String name, String defaultValue, boolean strip) {
    return RequestArguments.optional(this, request.bodyArguments(), name, defaultValue, strip);
  }

  /** Every value of a body argument. */
  @TemplateFacing
  public List<String> getBodyArguments(String name) {
    return getBodyArguments(name, true);
  }

  /** Every value of a body argument; {@code strip} false keeps surrounding white space. */
  @TemplateFacing
  public List<String> getBodyArguments(String name, boolean strip) {
    return RequestArguments.all(this, request.bodyArguments(), name, strip);
  }

  /**
   * Decodes one query or body argument value before it is cleaned (Tornado's {@code
   * decode_argument}). Values arrive already decoded from UTF-8 percent-encoding; override to
   * re-interpret them (another charset, a normalisation) for every argument getter at once.
   *
   * @param value the value as received
   * @param name the argument's name
   * @return the value to use
   */
  public String decodeArgument(String value, String name) {
    return value;
  }

  /**
   * The request body parsed as JSON into {@code type}.
   *
   * @throws HttpError 400 when the body is not valid JSON for {@code type}
   */
  public <T> T getJsonBody(Class<T> type) {
    return RequestArguments.json(request.body(), type);
  }

  /** The request body parsed as a JSON tree; 400 when it is not valid JSON. */
  public JsonNode getJsonBody() {
    return getJsonBody(JsonNode.class);
  }

  /** The value of cookie {@code name}, or null. */
  @TemplateFacing
  public String getCookie(String name) {
    return request.cookies().get(name);
  }

  /** The value of cookie {@code name}, or {@code defaultValue}. */
  @TemplateFacing
  public String getCookie(String name, String defaultValue) {
    String v = request.cookies().get(name);
    return v == null ? defaultValue : v;
  }

  /** All cookies of the request. */
  @TemplateFacing
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
    out.setStatus(status, reason);
  }

  /** The response status. */
  @TemplateFacing
  public int getStatus() {
    return out.status();
  }

  /**
   * Sets a response header, replacing earlier values.
   *
   * @throws IllegalArgumentException for a name that is not a token or a value with CR, LF or NUL
   */
  public void setHeader(String name, Object value) {
    out.setHeader(name, value);
  }

  /** Adds a response header value, keeping earlier ones. */
  public void addHeader(String name, Object value) {
    out.addHeader(name, value);
  }

  /** Removes a response header. */
  public void clearHeader(String name) {
    out.headers().remove(name);
  }

  /** The response headers set so far (a new object after {@link #clear()}). */
  public HttpHeaders responseHeaders() {
    return out.headers();
  }

  /** Appends text (UTF-8) to the response body. */
  public void write(String chunk) {
    write(chunk.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends bytes to the response body. */
  public void write(byte[] chunk) {
    out.write(chunk);
  }

  /**
   * Writes {@code value} as JSON (Jackson) and sets {@code Content-Type: application/json}. A
   * {@code String} or {@code byte[]} is written as is.
   */
  public void write(Object value) {
    if (value instanceof String s) {
      write(s);
    } else if (value instanceof byte[] b) {
      write(b);
    } else {
      write(ResponseBuffer.json(value));
      setHeader("Content-Type", ResponseBuffer.JSON_TYPE);
    }
  }

  /**
   * Sends the headers (the first time) and what was written so far. The future completes when the
   * bytes reach the socket, so a producer can wait before writing more.
   */
  public CompletableFuture<Void> flush() {
    return onLoopThread() ? out.flush(false) : Futures.onLoopAndWait(loop(), this::flush);
  }

  /** Turns off output transforms (gzip) for this response; for bodies sent as file regions. */
  final void disableTransforms() {
    out.disableTransforms();
  }

  /**
   * Sends the headers (with a Content-Length) and then a region of {@code file} with zero-copy
   * transfer. The future completes when the region has gone to the socket.
   */
  final CompletableFuture<Void> writeFileRegion(FileChannel file, long position, long count) {
    return out.writeFileRegion(file, position, count);
  }

  /**
   * Sends the response headers written so far and takes the connection's stream away from HTTP, for
   * protocols that upgrade (WebSocket). The request counts as finished (it is logged); the caller
   * owns the stream from now on. Call on the loop.
   */
  protected final IOStream detach() {
    IOStream stream = out.detach();
    application.logRequest(this);
    return stream;
  }

  /** Ends the response: sends what is buffered and lets the connection go on. */
  public CompletableFuture<Void> finish() {
    if (!onLoopThread()) {
      return Futures.onLoopAndWait(loop(), this::finish);
    }
    CompletableFuture<Void> sent = out.finish(this);
    invoker.ended(true);
    return sent;
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

  /**
   * Redirects to {@code url} with a 3xx {@code status}. Non-ASCII characters are percent-encoded as
   * UTF-8, so {@code redirect("/café")} sends {@code Location: /caf%C3%A9}; existing escapes are
   * kept, and CR or LF (header injection) is refused with an exception.
   */
  public void redirect(String url, int status) {
    if (out.headersWritten()) {
      throw new IllegalStateException("Cannot redirect after headers have been written");
    }
    if (status < 300 || status > 399) {
      throw new IllegalArgumentException("redirect status must be 3xx: " + status);
    }
    setStatus(status);
    setHeader("Location", UrlCodec.encodeUnsafeUriChars(url));
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
    if (onLoopThread()) {
      ErrorResponder.sendError(invoker, status, cause);
    } else {
      Futures.onLoopAndWait(
          loop(),
          () -> {
            sendError(status, cause);
            return CompletableFuture.completedFuture(null);
          });
    }
  }

  /**
   * Writes the body of an error page. Override for custom error pages. The default is a small HTML
   * page; with the {@code serveTraceback} setting and an exception, the stack trace as plain text.
   */
  public void writeError(int status, Throwable cause) {
    ErrorResponder.writeDefaultPage(this, out.reason(), status, cause);
  }

  /** Logs an exception from a handler (Tornado's {@code log_exception}). Override to change. */
  protected void logException(Throwable e) {
    ErrorResponder.logDefault(request, e);
  }

  String summary() {
    return ErrorResponder.summary(request);
  }

  /** Whether the caller may touch the response directly (else it hops to the loop and waits). */
  private boolean onLoopThread() {
    HttpConnection c = request.connection();
    return c == null || c.loop().inLoopThread() || !c.loop().isRunning();
  }

  // ------------------------------------------------------------------------------------------
  // ETags

  /**
   * The ETag of the buffered body, or null for none. The default is a SHA-1 of the body; override
   * to use a version number or to turn ETags off.
   */
  public String computeEtag() {
    return out.bodyEtag();
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
    return out.etagMatches();
  }

  // ------------------------------------------------------------------------------------------
  // Cookies

  /**
   * Sets a cookie with the {@code cookieDefaults} setting's attributes (path {@code /} unless
   * configured otherwise).
   */
  public void setCookie(String name, String value) {
    setCookie(name, value, settings().cookieDefaults());
  }

  /**
   * Sets a cookie with the given attributes (Tornado's {@code set_cookie} keyword arguments:
   * domain, path, expires, max-age, secure, httponly, samesite). Derive them from the defaults with
   * {@code settings().cookieDefaults().toBuilder()}.
   */
  public void setCookie(String name, String value, CookieOptions options) {
    addHeader("Set-Cookie", SetCookieBuilder.of(name, value).options(options).build());
  }

  /** Deletes a cookie at the {@code cookieDefaults} path and domain. */
  public void clearCookie(String name) {
    clearCookie(name, settings().cookieDefaults());
  }

  /** Deletes a cookie set with the given path and domain. */
  public void clearCookie(String name, CookieOptions options) {
    addHeader("Set-Cookie", SetCookieBuilder.clearing(name).pathAndDomain(options).build());
  }

  /**
   * Deletes every cookie the request sent (Tornado's {@code clear_all_cookies}), at the {@code
   * cookieDefaults} path and domain.
   */
  public void clearAllCookies() {
    clearAllCookies(settings().cookieDefaults());
  }

  /** Deletes every cookie the request sent, at the path and domain of {@code options}. */
  public void clearAllCookies(CookieOptions options) {
    for (String name : cookies().keySet()) {
      clearCookie(name, options);
    }
  }

  /**
   * Sets a cookie signed with the {@code cookieSecret} setting, valid for {@code expiresDays} in
   * the browser (Tornado's {@code set_signed_cookie}), with the {@code cookieDefaults} attributes.
   */
  public void setSignedCookie(String name, String value, int expiresDays) {
    setSignedCookie(name, value, expiresDays, settings().cookieDefaults());
  }

  /**
   * As {@link #setSignedCookie(String, String, int)} with the given attributes; {@code expiresDays}
   * sets Expires unless {@code options} has Expires or Max-Age of its own.
   */
  public void setSignedCookie(String name, String value, int expiresDays, CookieOptions options) {
    CookieOptions o =
        options.expires() == null && options.maxAge() == null
            ? options.toBuilder().expires(Instant.now().plus(Duration.ofDays(expiresDays))).build()
            : options;
    setCookie(name, createSignedValue(name, value), o);
  }

  /** As {@link #setSignedCookie(String, String, int)} for 30 days. */
  public void setSignedCookie(String name, String value) {
    setSignedCookie(name, value, 30);
  }

  /** As {@link #setSignedCookie(String, String, int, CookieOptions)} for 30 days. */
  public void setSignedCookie(String name, String value, CookieOptions options) {
    setSignedCookie(name, value, 30, options);
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
    return getSignedCookie(name, maxAgeDays, SignedValues.DEFAULT_MIN_VERSION);
  }

  /**
   * As {@link #getSignedCookie(String, double)}, accepting signed-value formats from {@code
   * minVersion} on (Tornado's {@code min_version}): 2 (the default) accepts only the current
   * format; 1 also accepts values that Tornado before 3.0 wrote, for a migrating application.
   *
   * @throws IllegalArgumentException if {@code minVersion} is not 1 or 2
   */
  public String getSignedCookie(String name, double maxAgeDays, int minVersion) {
    return decodeSignedValue(name, getCookie(name), maxAgeDays, minVersion);
  }

  /**
   * Verifies {@code value} as signed for {@code name} (Tornado's {@code decode_signed_value}); null
   * when it is absent, tampered with or too old.
   */
  public String decodeSignedValue(String name, String value, double maxAgeDays, int minVersion) {
    byte[] v =
        value == null
            ? null
            : SignedValues.decode(
                cookieSecret(), name, value, maxAgeDays, InstantSource.system(), minVersion);
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  /**
   * The key version a signed cookie was signed with (Tornado's {@code
   * get_signed_cookie_key_version}), to re-sign values made with an old key; empty when the cookie
   * is absent or is not a well-formed current-format value. The version is read, not verified:
   * check the value with {@link #getSignedCookie(String)} too.
   */
  public OptionalInt getSignedCookieKeyVersion(String name) {
    String raw = getCookie(name);
    return raw == null ? OptionalInt.empty() : SignedValues.keyVersion(raw);
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
  @TemplateFacing
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
  @TemplateFacing
  public String getLoginUrl() {
    String url = settings().loginUrl();
    if (url == null) {
      throw new IllegalStateException("the loginUrl setting is needed for @Authenticated");
    }
    return url;
  }

  // ------------------------------------------------------------------------------------------
  // XSRF

  /**
   * The XSRF token of this browser (Tornado's {@code xsrf_token}): read from the {@code _xsrf}
   * cookie, or made and set as a cookie. The returned form is masked afresh per request.
   */
  @TemplateFacing
  public String xsrfToken() {
    if (xsrfToken == null) {
      xsrfToken = XsrfGuard.token(this);
    }
    return xsrfToken;
  }

  /** A hidden form field with the XSRF token, to include in every POST form. */
  @TemplateFacing
  public String xsrfFormHtml() {
    return XsrfTokens.formHtml(xsrfToken());
  }

  /**
   * Checks that the {@code _xsrf} argument or the {@code X-XSRFToken}/{@code X-CSRFToken} header
   * matches the cookie; 403 otherwise. Runs before {@code prepare} for POST, PUT, PATCH and DELETE
   * when the {@code xsrfCookies} setting is on.
   */
  public void checkXsrfCookie() {
    XsrfGuard.check(this);
  }

  // ------------------------------------------------------------------------------------------
  // Templates

  /**
   * Renders template {@code name} from the application's loader with {@code model} and the
   * handler's namespace, adds the CSS/JS of the UI modules it used, and finishes the response
   * (Tornado's {@code render}).
   */
  public CompletableFuture<Void> render(String name, Map<String, ?> model) {
    if (out.finished()) {
      throw new IllegalStateException("Cannot render() after finish()");
    }
    UIModules modules = TemplateRenderer.newUiModules(this);
    String page = renderWith(name, model, modules);
    return finish(
        modules.insertResources(
            page,
            new UIModules.ResourceRenderer() {
              @Override
              public String linkedJs(List<String> paths) {
                return renderLinkedJs(paths);
              }

              @Override
              public String embedJs(List<String> blocks) {
                return renderEmbedJs(blocks);
              }

              @Override
              public String linkedCss(List<String> paths) {
                return renderLinkedCss(paths);
              }

              @Override
              public String embedCss(List<String> blocks) {
                return renderEmbedCss(blocks);
              }
            }));
  }

  /** As {@link #render(String, Map)} with no model. */
  public CompletableFuture<Void> render(String name) {
    return render(name, Map.of());
  }

  /**
   * Renders template {@code name} to a string without writing it (Tornado's {@code render_string}).
   */
  public String renderString(String name, Map<String, ?> model) {
    return renderWith(name, model, TemplateRenderer.newUiModules(this));
  }

  private String renderWith(String name, Map<String, ?> model, UIModules modules) {
    Template t = application.templateLoader(this).load(name);
    return TemplateRenderer.render(t, getTemplateNamespace(), modules, model);
  }

  /**
   * The names every template rendered by this handler sees (Tornado's {@code
   * get_template_namespace}): {@code handler}, {@code request}, {@code current_user}, {@code
   * locale}, {@code _}, {@code static_url}, {@code xsrf_form_html}, {@code reverse_url}. Override
   * to add more.
   */
  protected Map<String, Object> getTemplateNamespace() {
    return TemplateRenderer.defaultNamespace(this);
  }

  /**
   * The directory templates of this handler load from (Tornado's {@code get_template_path}): the
   * {@code templatePath} setting; null means the working directory. Override to give a handler its
   * own directory.
   */
  public Path getTemplatePath() {
    return settings().templatePath();
  }

  /**
   * Makes the loader for {@code templatePath} (Tornado's {@code create_template_loader}): the
   * {@code templateLoader} setting if there is one, else a {@link io.squall.template.Loader} over
   * the directory. Called once per path; the loader is then shared by every handler of the
   * application, as Tornado caches it.
   */
  public BaseLoader createTemplateLoader(Path templatePath) {
    return Application.defaultLoader(settings(), templatePath);
  }

  /**
   * The markup {@link #render} puts before {@code </body>} for the JavaScript files of the UI
   * modules used (Tornado's {@code render_linked_js}): a script tag per file, each once; relative
   * paths go through {@link #staticUrl} when there is a {@code staticPath}. Override to change the
   * markup (for example to add {@code defer}).
   */
  public String renderLinkedJs(List<String> jsFiles) {
    return UIModules.scriptTags(jsFiles.stream().map(this::moduleResourceUrl).distinct().toList());
  }

  /**
   * The markup for the UI modules' embedded JavaScript (Tornado's {@code render_embed_js}): one
   * script block.
   */
  public String renderEmbedJs(List<String> jsEmbed) {
    return UIModules.scriptBlock(jsEmbed);
  }

  /**
   * The markup {@link #render} puts before {@code </head>} for the UI modules' CSS files (Tornado's
   * {@code render_linked_css}), resolved as in {@link #renderLinkedJs}.
   */
  public String renderLinkedCss(List<String> cssFiles) {
    return UIModules.linkTags(cssFiles.stream().map(this::moduleResourceUrl).distinct().toList());
  }

  /** The markup for the UI modules' embedded CSS (Tornado's {@code render_embed_css}). */
  public String renderEmbedCss(List<String> cssEmbed) {
    return UIModules.styleBlock(cssEmbed);
  }

  private String moduleResourceUrl(String path) {
    boolean absolute =
        path.startsWith("/") || path.startsWith("http:") || path.startsWith("https:");
    return absolute || settings().staticPath() == null ? path : staticUrl(path);
  }

  // ------------------------------------------------------------------------------------------
  // URLs

  /** The path of the route named {@code name} with {@code args} in its groups. */
  @TemplateFacing
  public String reverseUrl(String name, Object... args) {
    return application.reverseUrl(name, args);
  }

  /**
   * The URL of a static file with a version hash for long caching (Tornado's {@code static_url}).
   */
  @TemplateFacing
  public String staticUrl(String path) {
    return application.staticUrl(path);
  }

  /**
   * As {@link #staticUrl(String)}; with {@code includeHost} the URL is absolute, with this
   * request's scheme and host (Tornado's {@code include_host}), for pages read outside the site
   * (feeds, mail).
   */
  @TemplateFacing
  public String staticUrl(String path, boolean includeHost) {
    String url = staticUrl(path);
    return includeHost ? request.protocol() + "://" + request.host() + url : url;
  }

  /**
   * Fails unless the application has the setting {@code name} (Tornado's {@code require_setting}).
   *
   * @param name a custom setting's key, or the name of a typed one ({@code cookieSecret}, {@code
   *     loginUrl}, {@code staticPath}, {@code templatePath})
   * @param feature what needs it, named in the message
   * @throws IllegalStateException when it is not set
   */
  public void requireSetting(String name, String feature) {
    Settings s = settings();
    boolean present =
        switch (name) {
          case "cookieSecret", "cookie_secret" -> !s.cookieSecrets().isEmpty();
          case "loginUrl", "login_url" -> s.loginUrl() != null;
          case "staticPath", "static_path" -> s.staticPath() != null;
          case "templatePath", "template_path" -> s.templatePath() != null;
          default -> s.get(name) != null;
        };
    if (!present) {
      throw new IllegalStateException(
          "You must define the '" + name + "' setting in your application to use " + feature);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + (request == null ? "-" : summary()) + ")";
  }

  // ------------------------------------------------------------------------------------------
  // Locale (the logic lives in LocaleSelection)

  private Locale locale;

  /**
   * The locale of this request (Tornado's {@code locale}): {@link #getUserLocale()} if it gives
   * one, else {@link #getBrowserLocale()}; decided once per request. Templates rendered by this
   * handler see it as {@code locale}, and its {@code translate} as {@code _}.
   */
  @TemplateFacing
  public Locale getLocale() {
    if (locale == null) {
      Locale user = getUserLocale();
      locale = user != null ? user : getBrowserLocale();
    }
    return locale;
  }

  /** Same as {@link #getLocale()}. */
  @TemplateFacing
  public Locale locale() {
    return getLocale();
  }

  /** Sets this request's locale, overriding what {@link #getLocale()} would pick. */
  public void setLocale(Locale locale) {
    this.locale = locale;
  }

  /**
   * Override to take the locale from the user, e.g. a setting stored with their account; null (the
   * default) falls back to {@link #getBrowserLocale()}.
   */
  protected Locale getUserLocale() {
    return null;
  }

  /** The locale from the {@code Accept-Language} header, else {@code en_US}'s closest. */
  @TemplateFacing
  public Locale getBrowserLocale() {
    return getBrowserLocale("en_US");
  }

  /**
   * The closest supported locale to the {@code Accept-Language} header's languages, by q-value
   * (Tornado's {@code get_browser_locale}); {@code defaultCode}'s closest without one.
   */
  @TemplateFacing
  public Locale getBrowserLocale(String defaultCode) {
    return LocaleSelection.browserLocale(
        request.headers().getJoined("Accept-Language"), defaultCode);
  }
}
