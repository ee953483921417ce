package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The verb methods RequestHandler declares (so {@code @Override} compiles), how path groups reach
 * them, and the mistakes {@code build()} reports.
 */
class VerbMethodsTest {

  /** The README's hello-world handler, exactly as written there. */
  public static class Hello extends RequestHandler {
    @Override
    public void get() {
      write("Hello, world");
    }
  }

  /** Overrides every declared verb. */
  public static class AllVerbs extends RequestHandler {
    @Override
    public void get() {
      write("get");
    }

    @Override
    public void head() {
      setHeader("X-Head", "1");
    }

    @Override
    public void post() {
      write("post");
    }

    @Override
    public void put() {
      write("put");
    }

    @Override
    public void patch() {
      write("patch");
    }

    @Override
    public void delete() {
      write("delete");
    }

    @Override
    public void options() {
      setStatus(204);
    }
  }

  /** A no-group route that finishes later: the String... form, since get() is void. */
  public static class AsyncNoGroups extends RequestHandler {
    public CompletableFuture<Void> get(String... pathArgs) {
      return CompletableFuture.supplyAsync(() -> "later " + pathArgs.length)
          .thenAccept(this::write);
    }
  }

  /** One class for two routes: no groups and one group. */
  public static class Items extends RequestHandler {
    @Override
    public void get() {
      write("all");
    }

    public void get(String id) {
      write("item " + id);
    }
  }

  /** Calls the base method: 405 with Allow. */
  public static class SuperPost extends RequestHandler {
    @Override
    public void get() {
      write("g");
    }

    @Override
    public void post() throws Exception {
      super.post();
    }
  }

  /** An override may throw a checked exception; it becomes a 500. */
  public static class Throws extends RequestHandler {
    @Override
    public void get() throws Exception {
      throw new java.io.IOException("disk gone");
    }
  }

  /** Nothing but a misspelt get. */
  public static class Gett extends RequestHandler {
    public void gett() {}
  }

  /** A capitalised Post next to a real get. */
  public static class CapitalPost extends RequestHandler {
    @Override
    public void get() {}

    public void Post() {}
  }

  /** No verb and no prepare. */
  public static class Empty extends RequestHandler {}

  /** A verb method taking two groups. */
  public static class TwoArgs extends RequestHandler {
    public void get(String a, String b) {}
  }

  /** A private verb overload. */
  public static class PrivateVerb extends RequestHandler {
    @Override
    public void get() {}

    @SuppressWarnings("unused")
    private void put(String id) {}
  }

  /** A verb with an int parameter. */
  public static class IntArg extends RequestHandler {
    public void get(int id) {}
  }

  /** Only prepare(), as Tornado's ErrorHandler: accepted. */
  public static class OnlyPrepare extends RequestHandler {
    public void prepare() {
      finish("prepared");
    }
  }

  /** Public methods near a verb name that are not verb-shaped are left alone. */
  public static class NearNames extends RequestHandler {
    @Override
    public void get() {}

    public int set(String key) {
      return key.length();
    }

    public String host() {
      return "h";
    }
  }

  private static IllegalArgumentException buildFails(
      String pattern, Supplier<? extends RequestHandler> factory) {
    var builder = Application.builder().route(pattern, factory);
    try {
      builder.build();
    } catch (IllegalArgumentException e) {
      return e;
    }
    throw new AssertionError("build() accepted " + pattern);
  }

  @Test
  void readmeHelloWorldOverridesGet() throws Exception {
    try (SquallClient client =
        SquallClient.start(Application.builder().route("/", Hello::new).build())) {
      assertThat(client.fetch("/").text()).isEqualTo("Hello, world");
      FetchResponse post = client.fetch("/", FetchOptions.post().body("x"));
      assertThat(post.status()).isEqualTo(405);
      assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
    }
  }

  @Test
  void everyDeclaredVerbCanBeOverridden() throws Exception {
    try (SquallClient client =
        SquallClient.start(Application.builder().route("/v", AllVerbs::new).build())) {
      for (String verb : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
        FetchResponse r = client.fetch("/v", FetchOptions.method(verb, "b".getBytes()));
        assertThat(r.text()).as(verb).isEqualTo(verb.toLowerCase());
      }
      assertThat(client.fetch("/v").text()).isEqualTo("get");
      assertThat(client.fetch("/v", FetchOptions.method("HEAD", null)).header("X-Head"))
          .isEqualTo("1");
      assertThat(client.fetch("/v", FetchOptions.method("OPTIONS", null)).status()).isEqualTo(204);
    }
  }

  @Test
  void callingTheBaseVerbAnswers405WithAllow() throws Exception {
    try (SquallClient client =
        SquallClient.start(Application.builder().route("/s", SuperPost::new).build())) {
      FetchResponse r = client.fetch("/s", FetchOptions.post().body("x"));
      assertThat(r.status()).isEqualTo(405);
      assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
    }
  }

  @Test
  void checkedExceptionFromOverrideIs500() throws Exception {
    try (SquallClient client =
        SquallClient.start(Application.builder().route("/t", Throws::new).build())) {
      assertThat(client.fetch("/t").status()).isEqualTo(500);
    }
  }

  @Test
  void varargsStageServesRouteWithoutGroups() throws Exception {
    try (SquallClient client =
        SquallClient.start(Application.builder().route("/a", AsyncNoGroups::new).build())) {
      assertThat(client.fetch("/a").text()).isEqualTo("later 0");
    }
  }

  @Test
  void overloadsServeRoutesWithDifferentGroupCounts() throws Exception {
    Application app =
        Application.builder()
            .route("/items", Items::new)
            .route("/items/(\\d+)", Items::new)
            .build();
    try (SquallClient client = SquallClient.start(app)) {
      assertThat(client.fetch("/items").text()).isEqualTo("all");
      assertThat(client.fetch("/items/7").text()).isEqualTo("item 7");
    }
  }

  @Test
  void handlerWithOnlyPrepareIsAccepted() throws Exception {
    try (SquallClient client =
        SquallClient.start(Application.builder().route("/p", OnlyPrepare::new).build())) {
      assertThat(client.fetch("/p").text()).isEqualTo("prepared");
    }
  }

  @Test
  void nearNamesThatAreNotVerbShapedAreAccepted() {
    Application.builder().route("/n", NearNames::new).build();
  }

  @Test
  void handlerWithoutVerbMethodFailsAtBuild() {
    assertThat(buildFails("/e", Empty::new).getMessage())
        .contains("route /e")
        .contains(Empty.class.getName() + " has no verb method");
  }

  @Test
  void misspeltVerbFailsAtBuild() {
    assertThat(buildFails("/g", Gett::new).getMessage())
        .contains(Gett.class.getName() + ".gett()")
        .contains("looks like the verb method get");
    assertThat(buildFails("/c", CapitalPost::new).getMessage())
        .contains(CapitalPost.class.getName() + ".Post()")
        .contains("looks like the verb method post");
  }

  @Test
  void moreParametersThanGroupsFailsAtBuild() {
    assertThat(buildFails("/one/(\\w+)", TwoArgs::new).getMessage())
        .contains("route /one/(\\w+)")
        .contains(TwoArgs.class.getName() + ".get(String, String)")
        .contains("has 1 group");
  }

  @Test
  void fewerParametersThanGroupsFailsAtBuild() {
    assertThat(buildFails("/x/(\\w+)/(\\w+)/(\\w+)", TwoArgs::new).getMessage())
        .contains(TwoArgs.class.getName() + ".get(String, String)")
        .contains("has 3 groups");
  }

  @Test
  void privateVerbFailsAtBuild() {
    assertThat(buildFails("/p/(\\w+)", PrivateVerb::new).getMessage())
        .contains(PrivateVerb.class.getName() + ".put(String) is private");
  }

  @Test
  void nonStringParameterFailsAtBuild() {
    assertThat(buildFails("/i/(\\d+)", IntArg::new).getMessage())
        .contains(IntArg.class.getName() + ".get(int)");
  }

  @Test
  void mountedAndHostRoutesAreCheckedToo() {
    assertThatThrownBy(
            () -> Application.builder().mount("/m", r -> r.route("/e", Empty::new)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Empty.class.getName());
    assertThatThrownBy(
            () -> Application.builder().host("a\\.example", r -> r.route("/g", Gett::new)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gett");
  }
}
