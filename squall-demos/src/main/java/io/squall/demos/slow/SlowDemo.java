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
    /** Sleeps via runInExecutor, then answers. */
    public CompletableFuture<Void> get() {
      double s = seconds(this);
      return loop()
          .runInExecutor(
              () -> {
                Thread.sleep(duration(s));
                return null;
              })
          .thenRun(() -> write("slept " + s + "s in an executor\n"));
    }
  }

  /** Waits with a timer: no thread is held at all. */
  public static final class AsyncHandler extends RequestHandler {
    /** Waits via callLater, then answers. */
    public CompletableFuture<Void> get() {
      double s = seconds(this);
      CompletableFuture<Void> done = new CompletableFuture<>();
      loop().callLater(duration(s), () -> done.complete(null));
      return done.thenRun(() -> write("waited " + s + "s with callLater\n"));
    }
  }

  /** Plain blocking code on a virtual thread. */
  @Blocking
  public static final class VirtualHandler extends RequestHandler {
    /** Sleeps on its virtual thread, then answers. */
    public void get() throws InterruptedException {
      double s = seconds(this);
      Thread.sleep(duration(s));
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
    return Application.builder()
        .route("/", IndexHandler::new)
        .route("/blocking", BlockingHandler::new)
        .route("/executor", ExecutorHandler::new)
        .route("/async", AsyncHandler::new)
        .route("/virtual", VirtualHandler::new)
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
