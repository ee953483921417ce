package io.squall.demos.slow;

import io.squall.demos.DemoArgs;
import io.squall.demos.DemoLayout;
import io.squall.ioloop.IOLoop;
import io.squall.web.Application;
import io.squall.web.Blocking;
import io.squall.web.HttpError;
import io.squall.web.RequestHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Four ways to be slow, and one fast page to compare with. {@code /slow/blocking} sleeps on the
 * loop — the mistake: every other request on that loop waits. {@code /slow/executor}, {@code
 * /slow/async} and {@code /slow/virtual} wait without holding the loop, so {@code /slow/fast}
 * answers at once meanwhile.
 */
public final class SlowDemo {
  private SlowDemo() {}

  /**
   * How the non-blocking handlers wait: for real in the demo; tests pass one that waits for a
   * signal instead of a time, so that "the slow request is still pending" holds on any machine.
   */
  public interface Pause {
    /** Blocks the calling (executor or virtual) thread for {@code d}. */
    void sleep(Duration d) throws InterruptedException;

    /** A future that completes on {@code loop} after {@code d}, holding no thread. */
    CompletableFuture<Void> after(IOLoop loop, Duration d);

    /** Waits for real: {@code Thread.sleep} and {@code callLater}. */
    Pause REAL =
        new Pause() {
          @Override
          public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(d);
          }

          @Override
          public CompletableFuture<Void> after(IOLoop loop, Duration d) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            loop.callLater(d, () -> done.complete(null));
            return done;
          }
        };
  }

  static double seconds(RequestHandler h) {
    String s = h.getArgument("seconds", "1");
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new HttpError(400, "seconds must be a number: %s", s);
    }
    if (!(v >= 0 && v <= 30)) {
      throw new HttpError(400, "seconds must be between 0 and 30: %s", s);
    }
    return v;
  }

  static Duration duration(double seconds) {
    return Duration.ofMillis((long) (seconds * 1000));
  }

  /** The mistake: sleeps on the loop thread and holds up every request on it. */
  public static final class BlockingHandler extends RequestHandler {
    /** Sleeps, then answers. */
    public void get() throws InterruptedException {
      double s = seconds(this);
      Thread.sleep(duration(s));
      write("slept " + s + "s on the loop (every other request waited)\n");
    }
  }

  /** Sleeps on an executor thread; the loop goes on serving. */
  public static final class ExecutorHandler extends RequestHandler {
    private final Pause pause;

    ExecutorHandler(Pause pause) {
      this.pause = pause;
    }

    /** Sleeps via runInExecutor, then answers. */
    public CompletableFuture<Void> get(String... pathArgs) {
      double s = seconds(this);
      return loop()
          .runInExecutor(
              () -> {
                pause.sleep(duration(s));
                return null;
              })
          .thenRun(() -> write("slept " + s + "s in an executor\n"));
    }
  }

  /** Waits with a timer: no thread is held at all. */
  public static final class AsyncHandler extends RequestHandler {
    private final Pause pause;

    AsyncHandler(Pause pause) {
      this.pause = pause;
    }

    /** Waits via callLater, then answers. */
    public CompletableFuture<Void> get(String... pathArgs) {
      double s = seconds(this);
      return pause
          .after(loop(), duration(s))
          .thenRun(() -> write("waited " + s + "s with callLater\n"));
    }
  }

  /** Plain blocking code on a virtual thread. */
  @Blocking
  public static final class VirtualHandler extends RequestHandler {
    private final Pause pause;

    VirtualHandler(Pause pause) {
      this.pause = pause;
    }

    /** Sleeps on its virtual thread, then answers. */
    public void get() throws InterruptedException {
      double s = seconds(this);
      pause.sleep(duration(s));
      write("slept " + s + "s on a virtual thread\n");
    }
  }

  /** Answers at once. */
  public static final class FastHandler extends RequestHandler {
    /** Answers. */
    public void get() {
      write("fast\n");
    }
  }

  /** The explanation page. */
  public static final class IndexHandler extends RequestHandler {
    /** Renders the page ({@code templates/slow/index.html}). */
    public void get() {
      render("slow/index.html");
    }
  }

  /** The application; the hub mounts it at {@code /slow}. */
  public static Application app() {
    return app(Pause.REAL);
  }

  /**
   * The application with the non-blocking handlers waiting through {@code pause}.
   *
   * @param pause how executor, async and virtual handlers wait
   * @return the application
   */
  public static Application app(Pause pause) {
    return Application.builder()
        .route("/", IndexHandler::new)
        .route("/blocking", BlockingHandler::new)
        .route("/executor", () -> new ExecutorHandler(pause))
        .route("/async", () -> new AsyncHandler(pause))
        .route("/virtual", () -> new VirtualHandler(pause))
        .route("/fast", FastHandler::new)
        .settings(DemoLayout.settings().build())
        .build();
  }

  /** What {@link #main} serves: {@link #app()} mounted at {@code /slow}, as in the hub. */
  public static Application standalone() {
    return Application.builder().mount("/slow", app()).build();
  }

  /** Serves the demo alone at {@code /slow/}. */
  public static void main(String[] args) {
    int port = DemoArgs.listen(standalone(), args).port();
    System.out.println("Serving http://localhost:" + port + "/slow/");
    IOLoop.current().start();
  }
}
