package io.squall.web.internal;

import io.squall.escape.Escape;
import io.squall.http.HttpServerRequest;
import io.squall.ioloop.IOLoop;
import io.squall.ioloop.LoopClosedException;
import io.squall.ioloop.internal.Futures;
import io.squall.iostream.StreamClosedError;
import io.squall.web.HttpError;
import io.squall.web.RequestHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one request through its handler: the verb check, {@code @RemoveSlash}/{@code @AddSlash},
 * path-argument decoding, the XSRF check, {@code prepare()}, then (for a streaming handler once the
 * body has arrived) {@code @Authenticated} and the verb method, synchronous, returning a stage, or
 * {@code @Blocking} on a virtual thread, with every completion brought back to the loop; finishes
 * the response automatically unless the handler turned that off. Failures go to the {@link
 * ErrorResponder}.
 *
 * <p>The handler supplies the two hooks it keeps out of its public API, {@link #logException} and
 * {@link #logRequest}.
 */
public abstract class HandlerInvoker {
  private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);
  private static final String[] NO_GROUPS = new String[0];
  private static final Object[] NO_ARGS = new Object[0];

  private final RequestHandler handler;
  private final ResponseBuffer out;
  private HttpServerRequest request;
  private HandlerDispatch dispatch;
  private String[] rawGroups = NO_GROUPS;
  private List<String> groupNames = List.of();
  private List<String> pathArgs = List.of();
  private Map<String, String> pathKwargs = Map.of();
  private boolean autoFinish = true;
  private CompletableFuture<Void> bodyDone;

  protected HandlerInvoker(RequestHandler handler, ResponseBuffer out) {
    this.handler = handler;
    this.out = out;
  }

  /** Logs an exception the handler raised (the handler's overridable {@code logException}). */
  protected abstract void logException(Throwable e);

  /** Writes the access log line of the request. */
  protected abstract void logRequest();

  /** Binds the invoker to its request and route match. */
  public void init(
      HttpServerRequest request,
      HandlerDispatch dispatch,
      String[] rawGroups,
      List<String> groupNames) {
    this.request = request;
    this.dispatch = dispatch;
    this.rawGroups = rawGroups;
    this.groupNames = groupNames;
  }

  /** The handler. */
  public RequestHandler handler() {
    return handler;
  }

  /** The handler's response. */
  public ResponseBuffer response() {
    return out;
  }

  /** The request. */
  public HttpServerRequest request() {
    return request;
  }

  /** The handler class's dispatch; null before {@link #init}. */
  public HandlerDispatch dispatch() {
    return dispatch;
  }

  /** The route's groups, decoded. */
  public List<String> pathArgs() {
    return pathArgs;
  }

  /** The route's named groups, decoded. */
  public Map<String, String> pathKwargs() {
    return pathKwargs;
  }

  /** Leaves finishing to the handler. */
  public void disableAutoFinish() {
    autoFinish = false;
  }

  /**
   * Runs the request: checks, {@code prepare()}, then the verb method (for a streaming handler,
   * once the body has arrived). Returns a future that completes when {@code prepare()} has
   * completed; a streaming handler's body is not read before.
   */
  public CompletableFuture<Void> execute() {
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
          && handler.application().settings().xsrfCookies()) {
        handler.checkXsrfCookie();
      }
      HandlerDispatch.Target prepare = dispatch.prepare();
      CompletableFuture<?> prepared = prepare == null ? null : invoke(prepare, NO_ARGS);
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

  /** Applies {@code @RemoveSlash} / {@code @AddSlash}; false when the request was answered. */
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
    handler.redirect(target, true);
    return false;
  }

  private void decodePathArgs() {
    if (rawGroups.length == 0) {
      return;
    }
    List<String> args = new ArrayList<>(rawGroups.length);
    for (String g : rawGroups) {
      args.add(g == null ? null : RequestArguments.decodePathComponent(g));
    }
    pathArgs = Collections.unmodifiableList(args);
    if (!groupNames.isEmpty() && groupNames.stream().noneMatch(String::isEmpty)) {
      Map<String, String> kw = new LinkedHashMap<>();
      for (int i = 0; i < groupNames.size(); i++) {
        kw.put(groupNames.get(i), args.get(i));
      }
      pathKwargs = Collections.unmodifiableMap(kw);
    }
  }

  private void afterPrepare() {
    try {
      if (out.finished()) {
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
      if (out.finished()) {
        return;
      }
      String verb = request.method();
      HandlerDispatch.Target target = dispatch.target(verb, pathArgs.size());
      if (target == null) {
        if (dispatch.implementsVerb(verb)) {
          throw new IllegalStateException(
              handler.getClass().getName()
                  + " has no "
                  + verb.toLowerCase(Locale.ROOT)
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
    if (autoFinish && !out.finished()) {
      handler.finish();
    }
  }

  /** {@code @Authenticated}: true when there is a user; else redirects to log in, or 403. */
  private boolean checkAuthenticated() {
    if (handler.currentUser() != null) {
      return true;
    }
    String method = request.method();
    if (method.equals("GET") || method.equals("HEAD")) {
      String url = handler.getLoginUrl();
      if (!url.contains("?")) {
        String next =
            url.startsWith("http://") || url.startsWith("https://")
                ? request.fullUrl()
                : request.uri();
        url = url + "?next=" + Escape.urlEscape(next, true);
      }
      handler.redirect(url);
      return false;
    }
    throw new HttpError(403);
  }

  private List<String> orderedArgs(HandlerDispatch.Target target) {
    if (pathKwargs.isEmpty()) {
      return pathArgs;
    }
    // named groups: pass by parameter name when the class was compiled with -parameters
    String[] names = target.parameterNames();
    List<String> args = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      if (names[i] == null || !pathKwargs.containsKey(names[i])) {
        return pathArgs;
      }
      args.add(pathKwargs.get(names[i]));
    }
    return args;
  }

  /**
   * Calls a handler method. Returns null when it completed synchronously, else a future completed
   * on the loop thread.
   */
  private CompletableFuture<?> invoke(HandlerDispatch.Target target, Object[] args)
      throws Throwable {
    IOLoop loop = handler.loop();
    if (target.blocking()) {
      CompletableFuture<Object> done = new CompletableFuture<>();
      Thread.ofVirtual()
          .name("squall-blocking-" + handler.getClass().getSimpleName())
          .start(
              () -> {
                try {
                  Object r = callTarget(target, args);
                  if (r instanceof CompletionStage<?> stage) {
                    r = stage.toCompletableFuture().join();
                  }
                  Object result = r;
                  backOnLoop(loop, done, () -> done.complete(result));
                } catch (Throwable e) {
                  Throwable cause = Futures.unwrap(e);
                  backOnLoop(loop, done, () -> done.completeExceptionally(cause));
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

  /** Completes {@code done} on the loop; if the loop has closed meanwhile, fails it at once. */
  private static void backOnLoop(IOLoop loop, CompletableFuture<Object> done, Runnable completion) {
    try {
      loop.addCallback(completion);
    } catch (LoopClosedException closed) {
      done.completeExceptionally(closed);
    }
  }

  private static void complete(CompletableFuture<Object> f, Object v, Throwable e) {
    if (e != null) {
      f.completeExceptionally(Futures.unwrap(e));
    } else {
      f.complete(v);
    }
  }

  private Object callTarget(HandlerDispatch.Target target, Object[] args) throws Throwable {
    if (target.returnsStage()) {
      return target.handle().invokeExact((Object) handler, args);
    }
    target.handle().invokeExact((Object) handler, args);
    return null;
  }

  /** A handler method or a stage it returned failed: see {@link ErrorResponder#handle}. */
  public void handleException(Throwable e) {
    ErrorResponder.handle(this, e);
  }

  /** Holds back the verb method of a streaming handler until {@link #bodyStreamFinished}. */
  public void startBodyStream() {
    bodyDone = new CompletableFuture<>();
  }

  /** The streamed body has arrived. */
  public void bodyStreamFinished() {
    if (bodyDone != null) {
      bodyDone.complete(null);
    }
  }

  /** The client closed the connection: fails a pending body, tells the handler, once. */
  public void connectionLost() {
    if (!out.markConnectionClosed()) {
      return; // already heard of it (a failed write can tell before the connection does)
    }
    if (bodyDone != null && !bodyDone.isDone()) {
      bodyDone.completeExceptionally(new StreamClosedError());
    }
    try {
      handler.onConnectionClose();
    } catch (RuntimeException e) {
      log.error("Exception in onConnectionClose of {}", handler.getClass().getName(), e);
    }
  }

  /**
   * Marks the response finished, writes the access log line when {@code logged}, and runs the
   * handler's {@code onFinish}, logging what it throws.
   */
  public void ended(boolean logged) {
    out.markFinished();
    if (logged) {
      logRequest();
    }
    try {
      handler.onFinish();
    } catch (RuntimeException e) {
      log.error("Exception in onFinish of {}", handler.getClass().getName(), e);
    }
  }
}
