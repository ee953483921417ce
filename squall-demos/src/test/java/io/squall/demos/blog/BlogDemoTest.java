package io.squall.demos.blog;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.db.Database;
import io.squall.db.TestDatabases;
import io.squall.demos.DemoHub;
import io.squall.demos.tasks.TaskStore;
import io.squall.testing.ExpectLog;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The blog on the hub through the test kit, each test on a fresh database of each kind (H2 file and
 * PostgreSQL): sign up, log in, post, edit, log out, and each refusal (forged XSRF, tampered
 * cookie, duplicate e-mail, wrong password, empty title) answered clearly with nothing changed;
 * script in a post escaped; the Atom feed.
 */
@SquallTest
@ParameterizedClass(name = "{0}")
@FieldSource("io.squall.db.TestDatabases#KINDS")
class BlogDemoTest {
  static final String ATOM = "http://www.w3.org/2005/Atom";

  @Parameter String kind;
  @TempDir Path dir;
  Database db;

  @TestApplication
  Application app() {
    db = BlogDemo.openDatabase(TestDatabases.freshUrl(kind, dir));
    return DemoHub.app(new TaskStore(db), new BlogStore(db), BlogDemo.randomSecret(), false);
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  long count(String table) throws Exception {
    return db.withHandle(
            h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one())
        .get(30, TimeUnit.SECONDS);
  }

  static long idOf(String editLinkPage) {
    var m = java.util.regex.Pattern.compile("compose\\?id=(\\d+)").matcher(editLinkPage);
    assertThat(m.find()).as("an edit link").isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void signUpPostEditAndLogOut(SquallClient client) throws Exception {
    BlogFlows blog = new BlogFlows(client);
    String home = client.fetch("/blog/").text();
    assertThat(home).contains("No posts yet", "id=\"login\"", "id=\"signup\"");

    FetchResponse signUp = blog.signUp("Ada@Example.org", "Ada Lovelace", "analytical engine");
    assertThat(signUp.status()).isEqualTo(303);
    assertThat(signUp.header("Location")).isEqualTo("/blog/");
    assertThat(blog.session()).isNotNull();
    assertThat(blog.session().isHttpOnly()).isTrue();
    assertThat(client.fetch("/blog/").text()).contains("<span id=\"author\">Ada Lovelace</span>");

    FetchResponse posted = blog.compose("Hello, Wörld!", "First *post*.");
    assertThat(posted.status()).isEqualTo(303);
    assertThat(posted.header("Location")).isEqualTo("/blog/entry/hello-world");
    String entry = client.fetch("/blog/entry/hello-world").text();
    assertThat(entry).contains("Hello, Wörld!", "<p>First <em>post</em>.</p>", "Ada Lovelace");

    // the same title again gets its own slug
    assertThat(blog.compose("Hello, Wörld!", "again").header("Location"))
        .isEqualTo("/blog/entry/hello-world-2");

    long id = idOf(entry);
    assertThat(client.fetch("/blog/compose?id=" + id).text()).contains("First *post*.");
    FetchResponse edited = blog.edit(id, "Hello again", "Edited **text**.");
    assertThat(edited.status()).isEqualTo(303);
    assertThat(edited.header("Location")).as("the slug stays").isEqualTo("/blog/entry/hello-world");
    String after = client.fetch("/blog/entry/hello-world").text();
    assertThat(after).contains("Hello again", "<p>Edited <strong>text</strong>.</p>");
    assertThat(after).doesNotContain("First <em>post</em>");

    String list = client.fetch("/blog/").text();
    assertThat(list.indexOf("hello-world-2"))
        .as("newest first")
        .isLessThan(list.indexOf("Hello again"));
    assertThat(client.fetch("/blog/archive").text())
        .contains("href=\"/blog/entry/hello-world\"", "href=\"/blog/entry/hello-world-2\"");

    FetchResponse out = blog.logOut();
    assertThat(out.status()).isEqualTo(303);
    assertThat(blog.session()).as("cookie cleared").isNull();
    assertThat(client.fetch("/blog/").text())
        .doesNotContain("id=\"author\"")
        .contains("id=\"login\"");
    FetchResponse compose =
        client.fetch("/blog/compose", FetchOptions.get().followRedirects(false));
    assertThat(compose.status()).isEqualTo(302);
    assertThat(compose.header("Location")).isEqualTo("/blog/auth/login?next=%2Fblog%2Fcompose");

    // and back in
    assertThat(blog.logIn("ada@example.org", "analytical engine").status()).isEqualTo(303);
    assertThat(client.fetch("/blog/entry/hello-world").text()).contains("Edit this post");
  }

  @Test
  void aWrongPasswordOrAnUnknownEmailIsRefusedWithoutASession(SquallClient client)
      throws Exception {
    BlogFlows blog = new BlogFlows(client);
    blog.signUp("ada@example.org", "Ada", "analytical engine");
    client.clearCookies();

    FetchResponse wrong = blog.logIn("ada@example.org", "difference engine");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.text()).contains("Wrong password for ada@example.org.");
    assertThat(wrong.text())
        .as("the e-mail stays in the form")
        .contains("value=\"ada@example.org\"");
    assertThat(blog.session()).isNull();

    FetchResponse unknown = blog.logIn("bob@example.org", "analytical engine");
    assertThat(unknown.status()).isEqualTo(403);
    assertThat(unknown.text()).contains("No author has the e-mail address bob@example.org.");
    assertThat(blog.session()).isNull();

    FetchResponse right = blog.logIn("ada@example.org", "analytical engine");
    assertThat(right.status()).isEqualTo(303);
    assertThat(blog.session()).isNotNull();
  }

  @Test
  void aDuplicateEmailIsRefusedAndChangesNothing(SquallClient client) throws Exception {
    BlogFlows blog = new BlogFlows(client);
    assertThat(blog.signUp("ada@example.org", "Ada", "analytical engine").status()).isEqualTo(303);
    client.clearCookies();
    FetchResponse again = blog.signUp(" ADA@example.org ", "Impostor", "another password");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.text())
        .contains("An author with the e-mail address ada@example.org exists already.");
    assertThat(blog.session()).isNull();
    assertThat(count("blog_authors")).isEqualTo(1);
    // the first password still works, the second does not
    assertThat(blog.logIn("ada@example.org", "another password").status()).isEqualTo(403);
    assertThat(blog.logIn("ada@example.org", "analytical engine").status()).isEqualTo(303);
  }

  @Test
  void badSignUpsGetTheFormBackWithTheReason(SquallClient client) throws Exception {
    BlogFlows blog = new BlogFlows(client);
    assertThat(blog.signUp("", "Ada", "analytical engine").text())
        .contains("The e-mail address must not be empty.");
    assertThat(blog.signUp("nobody", "Ada", "analytical engine").text())
        .contains("That is not an e-mail address: nobody");
    assertThat(blog.signUp("ada@example.org", " ", "analytical engine").text())
        .contains("The name must not be empty.");
    FetchResponse shortPassword = blog.signUp("ada@example.org", "Ada", "short");
    assertThat(shortPassword.status()).isEqualTo(400);
    assertThat(shortPassword.text()).contains("The password must have at least 8 characters.");
    assertThat(count("blog_authors")).isZero();
  }

  @Test
  void anEmptyTitleGetsTheFormBackAndSavesNothing(SquallClient client) throws Exception {
    BlogFlows blog = new BlogFlows(client);
    blog.signUp("ada@example.org", "Ada", "analytical engine");
    FetchResponse empty = blog.compose("   ", "Some text worth keeping");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.text()).contains("The title must not be empty.");
    assertThat(empty.text()).as("the text stays in the form").contains("Some text worth keeping");
    assertThat(blog.compose("A title", "").text()).contains("The text must not be empty.");
    assertThat(count("blog_entries")).isZero();

    // editing to an empty title keeps the post as it was
    String slug = blog.compose("Kept", "as it was").header("Location");
    long id = idOf(client.fetch(slug).text());
    assertThat(blog.edit(id, "", "changed").status()).isEqualTo(400);
    assertThat(client.fetch(slug).text()).contains("as it was").doesNotContain("changed");
  }

  @Test
  void aForgedOrMissingXsrfTokenIs403AndChangesNothing(SquallClient client) throws Exception {
    BlogFlows blog = new BlogFlows(client);
    blog.token("/blog/auth/create"); // the browser has its _xsrf cookie
    try (ExpectLog log = ExpectLog.expect("squall", "403 POST /blog/auth/create")) {
      FetchResponse missing =
          blog.post(
              "/blog/auth/create",
              Map.of("email", "ada@example.org", "name", "Ada", "password", "analytical engine"));
      assertThat(missing.status()).isEqualTo(403);
      assertThat(missing.text()).contains("403");
    }
    assertThat(count("blog_authors")).isZero();

    blog.signUp("ada@example.org", "Ada", "analytical engine");
    String forged = "2|deadbeef|" + "00".repeat(16) + "|1700000000";
    try (ExpectLog log = ExpectLog.expect("squall", "403 POST /blog/compose")) {
      FetchResponse r =
          blog.post(
              "/blog/compose", Map.of("_xsrf", forged, "title", "Forged", "markdown", "text"));
      assertThat(r.status()).isEqualTo(403);
    }
    try (ExpectLog log = ExpectLog.expect("squall", "403 POST /blog/compose")) {
      FetchResponse r =
          blog.post("/blog/compose", Map.of("_xsrf", "garbage", "title", "T", "markdown", "x"));
      assertThat(r.status()).isEqualTo(403);
    }
    assertThat(count("blog_entries")).isZero();
    // a logout without a token does not log out
    try (ExpectLog log = ExpectLog.expect("squall", "403 POST /blog/auth/logout")) {
      assertThat(blog.post("/blog/auth/logout", Map.of()).status()).isEqualTo(403);
    }
    assertThat(client.fetch("/blog/").text()).contains("id=\"author\"");
  }

  @Test
  void aTamperedSessionCookieIsALoggedOutVisitor(SquallClient client) throws Exception {
    BlogFlows blog = new BlogFlows(client);
    blog.signUp("ada@example.org", "Ada", "analytical engine");
    String good = blog.session().getValue();
    String token = blog.token("/blog/compose");

    // the payload changed to another author under the old signature, and the signature changed
    String other =
        java.util.Base64.getEncoder()
            .encodeToString("2|Eve".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String[] parts = good.split("\\|", -1);
    assertThat(parts).as("Tornado's signed value, version 2").hasSize(6);
    parts[4] = other.length() + ":" + other;
    String otherAuthor = String.join("|", parts);
    char last = good.charAt(good.length() - 1);
    String badSignature = good.substring(0, good.length() - 1) + (last == '0' ? '1' : '0');
    for (String tampered : new String[] {otherAuthor, badSignature, "1|Ada", "garbage"}) {
      blog.setSession(tampered);
      assertThat(client.fetch("/blog/").text())
          .as("cookie %s", tampered)
          .doesNotContain("id=\"author\"")
          .contains("id=\"login\"");
    }
    blog.setSession(badSignature);
    FetchResponse page = client.fetch("/blog/compose", FetchOptions.get().followRedirects(false));
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.header("Location")).startsWith("/blog/auth/login");
    try (ExpectLog log = ExpectLog.expect("squall", "403 POST /blog/compose")) {
      FetchResponse post =
          blog.post(
              "/blog/compose", Map.of("_xsrf", token, "title", "Not mine", "markdown", "text"));
      assertThat(post.status()).isEqualTo(403);
    }
    assertThat(count("blog_entries")).isZero();

    blog.setSession(good);
    assertThat(client.fetch("/blog/").text()).contains("id=\"author\"");
  }

  @Test
  void scriptInAPostIsEscapedAndUnsafeLinksDropped(SquallClient client) throws Exception {
    BlogFlows blog = new BlogFlows(client);
    blog.signUp("ada@example.org", "Ada", "analytical engine");
    String md =
        "<script>alert(1)</script>\n\n"
            + "[click](javascript:alert(2)) and ![img](data:text/html,hi)\n\n"
            + "<img src=x onerror=alert(3)>\n\n"
            + "[fine](https://example.org/)";
    String slug = blog.compose("<b>Bold</b> title", md).header("Location");
    String html = client.fetch(slug).text();
    assertThat(html).doesNotContain("<script>alert", "javascript:", "<img src=x", "<b>Bold");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html)
        .contains("&lt;img src=x onerror=alert(3)&gt;", "&lt;b&gt;Bold&lt;/b&gt; title");
    assertThat(html).contains("<a rel=\"nofollow\" href=\"https://example.org/\">fine</a>");
    assertThat(html).doesNotContain("data:text/html");
  }

  @Test
  void anotherAuthorCannotEditAPost(SquallClient client) throws Exception {
    BlogFlows blog = new BlogFlows(client);
    blog.signUp("ada@example.org", "Ada", "analytical engine");
    String slug = blog.compose("Ada's", "mine").header("Location");
    long id = idOf(client.fetch(slug).text());
    blog.logOut();
    blog.signUp("eve@example.org", "Eve", "eavesdropper");
    assertThat(client.fetch(slug).text()).doesNotContain("Edit this post");
    try (ExpectLog log = ExpectLog.expect("squall", "403 (GET|POST) /blog/compose")) {
      assertThat(client.fetch("/blog/compose?id=" + id).status()).isEqualTo(403);
      FetchResponse r = blog.edit(id, "Eve's now", "hers");
      assertThat(r.status()).isEqualTo(403);
    }
    assertThat(client.fetch(slug).text()).contains("mine").doesNotContain("hers");
  }

  @Test
  void unknownPostsAndOpenRedirectsAreRefused(SquallClient client) throws Exception {
    BlogFlows blog = new BlogFlows(client);
    try (ExpectLog log = ExpectLog.expect("squall", "404 GET /blog/entry/nothing-here")) {
      assertThat(client.fetch("/blog/entry/nothing-here").status()).isEqualTo(404);
    }
    try (ExpectLog log = ExpectLog.expect("squall", "400 POST /blog/auth/create")) {
      FetchResponse r =
          blog.submit(
              "/blog/auth/create",
              "/blog/auth/create?next=//evil.example/",
              "email",
              "ada@example.org",
              "name",
              "Ada",
              "password",
              "analytical engine");
      assertThat(r.status()).isEqualTo(400);
    }
    assertThat(count("blog_authors")).isZero();
    FetchResponse ok =
        blog.submit(
            "/blog/auth/create",
            "/blog/auth/create?next=/blog/archive",
            "email",
            "ada@example.org",
            "name",
            "Ada",
            "password",
            "analytical engine");
    assertThat(ok.header("Location")).isEqualTo("/blog/archive");
    try (ExpectLog log = ExpectLog.expect("squall", "400 GET /blog/compose")) {
      assertThat(client.fetch("/blog/compose?id=abc").status()).isEqualTo(400);
    }
  }

  @Test
  void theFeedIsAtomWithThePosts(SquallClient client) throws Exception {
    BlogFlows blog = new BlogFlows(client);
    FetchResponse empty = client.fetch("/blog/feed");
    assertThat(empty.status()).isEqualTo(200);
    assertThat(atom(empty).getElementsByTagNameNS(ATOM, "entry").getLength()).isZero();

    blog.signUp("ada@example.org", "Ada & Co", "analytical engine");
    blog.compose("First <post>", "Hello *feed* & friends");
    blog.compose("Second", "more");
    FetchResponse r = client.fetch("/blog/feed");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/atom+xml");
    Document doc = atom(r);
    Element feed = doc.getDocumentElement();
    assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
    assertThat(feed.getLocalName()).isEqualTo("feed");
    assertThat(child(feed, "title").getTextContent()).isEqualTo(BlogDemo.TITLE);
    assertThat(child(feed, "id").getTextContent()).isEqualTo(client.url("/blog/"));
    assertThat(java.time.Instant.parse(child(feed, "updated").getTextContent())).isNotNull();
    assertThat(child(child(feed, "author"), "name").getTextContent()).isNotBlank();
    assertThat(child(feed, "link").getAttribute("href")).isEqualTo(client.url("/blog/"));

    NodeList entries = feed.getElementsByTagNameNS(ATOM, "entry");
    assertThat(entries.getLength()).isEqualTo(2);
    Element newest = (Element) entries.item(0);
    assertThat(child(newest, "title").getTextContent()).isEqualTo("Second");
    Element first = (Element) entries.item(1);
    assertThat(child(first, "title").getTextContent()).isEqualTo("First <post>");
    assertThat(child(first, "id").getTextContent()).isEqualTo(client.url("/blog/entry/first-post"));
    assertThat(child(first, "link").getAttribute("href"))
        .isEqualTo(client.url("/blog/entry/first-post"));
    assertThat(child(child(first, "author"), "name").getTextContent()).isEqualTo("Ada & Co");
    assertThat(java.time.Instant.parse(child(first, "updated").getTextContent())).isNotNull();
    assertThat(java.time.Instant.parse(child(first, "published").getTextContent())).isNotNull();
    Element content = child(first, "content");
    assertThat(content.getAttribute("type")).isEqualTo("html");
    assertThat(content.getTextContent()).isEqualTo("<p>Hello <em>feed</em> &amp; friends</p>\n");
  }

  static Document atom(FetchResponse r) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
  }

  static Element child(Element parent, String name) {
    NodeList l = parent.getElementsByTagNameNS(ATOM, name);
    for (int i = 0; i < l.getLength(); i++) {
      if (l.item(i).getParentNode() == parent) {
        return (Element) l.item(i);
      }
    }
    throw new AssertionError("no <" + name + "> in <" + parent.getLocalName() + ">");
  }
}
