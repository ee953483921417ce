package io.squall.demos.errors;

import io.squall.demos.DemoArgs;
import io.squall.demos.DemoLayout;
import io.squall.ioloop.IOLoop;
import io.squall.web.Application;
import io.squall.web.HttpError;
import io.squall.web.RequestHandler;
import java.util.Map;

/**
 * What a failing handler looks like: {@code /errors/raise} throws, and the answer is a 500 with a
 * plain error page, or with {@code --debug} the stack trace; {@code /errors/missing} throws an
 * {@link HttpError}, whose page never shows a stack.
 */
public final class ErrorsDemo {
  private ErrorsDemo() {}

  /** The explanation page. */
  public static final class IndexHandler extends RequestHandler {
    /** Renders the page. */
    public void get() {
      render("errors/index.html", Map.of("debug", settings().debug()));
    }
  }

  /** Fails on purpose. */
  public static final class RaiseHandler extends RequestHandler {
    /** Throws. */
    public void get() {
      throw new IllegalStateException("the errors demo failed on purpose");
    }
  }

  /** Answers 404 by throwing {@link HttpError}. */
  public static final class MissingHandler extends RequestHandler {
    /** Throws a 404. */
    public void get() {
      throw new HttpError(404, "the errors demo has nothing here");
    }
  }

  /** The application; the hub mounts it at {@code /errors}. {@code debug} shows stacks. */
  public static Application app(boolean debug) {
    return Application.builder()
        .route("/", IndexHandler::new)
        .route("/raise", RaiseHandler::new)
        .route("/missing", MissingHandler::new)
        .settings(DemoLayout.settings().debug(debug).build())
        .build();
  }

  /** Serves the demo alone at {@code /errors/}: {@code --port=N}, {@code --debug}. */
  public static void main(String[] args) {
    DemoArgs.Options o = DemoArgs.parseOrExit(args);
    int port =
        DemoArgs.listen(Application.builder().mount("/errors", app(o.debug())).build(), args)
            .port();
    System.out.println("Serving http://localhost:" + port + "/errors/");
    IOLoop.current().start();
  }
}
