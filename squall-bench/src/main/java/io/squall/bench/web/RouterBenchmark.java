package io.squall.bench.web;

import io.squall.web.RequestHandler;
import io.squall.web.internal.Router;
import io.squall.web.internal.UrlSpec;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Router#find} on a route table like a small application's: 20 host-less routes, literals
 * and regex routes with groups interleaved, in the order an application would declare them. One
 * operation finds one path: the first route, a regex route in the middle, the last route (a regex
 * after every other rule), a literal declared last (found by the literal index, but only after the
 * regex routes before it were tried), and a path no route matches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouterBenchmark {
  /** No handler is made: routing only needs the patterns. */
  private static final Supplier<RequestHandler> NONE = () -> null;

  /** Patterns in declaration order (20). */
  static final String[] ROUTES = {
    "/",
    "/login",
    "/logout",
    "/signup",
    "/api/tasks",
    "/api/tasks/([0-9]+)",
    "/api/tasks/([0-9]+)/comments",
    "/api/tasks/([0-9]+)/comments/([0-9]+)",
    "/api/users",
    "/api/users/([^/]+)",
    "/api/users/([^/]+)/avatar",
    "/api/search",
    "/projects/([a-z0-9-]+)",
    "/projects/([a-z0-9-]+)/board",
    "/admin",
    "/admin/users/([0-9]+)",
    "/static/(.*)",
    "/ws",
    "/about",
    "/feeds/(\\w+)\\.xml",
  };

  private Router router;

  @Setup
  public void setup() {
    router = new Router();
    for (int i = 0; i < ROUTES.length; i++) {
      router.add(null, new UrlSpec(ROUTES[i], NONE, "r" + i));
    }
    check("/", 0);
    check("/api/users/alice", 9);
    check("/feeds/news.xml", 19);
    check("/about", 18);
    if (router.find("localhost", "/nothing/here") != null) {
      throw new IllegalStateException("the miss matched");
    }
  }

  private void check(String path, int route) {
    Router.Match m = router.find("localhost", path);
    if (m == null || m.spec() != router.named("r" + route)) {
      throw new IllegalStateException(path + " did not find route " + route);
    }
  }

  /** The first route, a literal. */
  @Benchmark
  public Router.Match first() {
    return router.find("localhost", "/");
  }

  /** A regex route with one group, tenth of twenty. */
  @Benchmark
  public Router.Match middle() {
    return router.find("localhost", "/api/users/alice");
  }

  /** The last route: a regex tried after the nine regex routes before it. */
  @Benchmark
  public Router.Match last() {
    return router.find("localhost", "/feeds/news.xml");
  }

  /** A literal declared nineteenth: the index finds it, the regex routes before it run first. */
  @Benchmark
  public Router.Match lateLiteral() {
    return router.find("localhost", "/about");
  }

  /** No route matches: every regex route is tried. */
  @Benchmark
  public Router.Match miss() {
    return router.find("localhost", "/nothing/here");
  }
}
