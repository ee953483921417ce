package io.squall.demos.blog;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import java.net.HttpCookie;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The steps of the blog's tests through the test kit: forms with their XSRF token, cookies. */
final class BlogFlows {
  static final Pattern XSRF = Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"");

  private final SquallClient client;

  BlogFlows(SquallClient client) {
    this.client = client;
  }

  /** The XSRF token of the form on page {@code path} (GET sets the cookie when missing). */
  String token(String path) {
    FetchResponse r = client.fetch(path);
    assertThat(r.status()).as("GET %s", path).isEqualTo(200);
    Matcher m = XSRF.matcher(r.text());
    assertThat(m.find()).as("%s has an XSRF field", path).isTrue();
    return m.group(1);
  }

  /** POSTs {@code fields} to {@code path} with the token of the form on {@code formPage}. */
  FetchResponse submit(String formPage, String path, String... fields) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_xsrf", token(formPage));
    for (int i = 0; i < fields.length; i += 2) {
      form.put(fields[i], fields[i + 1]);
    }
    return post(path, form);
  }

  /** POSTs {@code form} as it is, not following the redirect. */
  FetchResponse post(String path, Map<String, String> form) {
    return client.fetch(path, FetchOptions.post().form(form).followRedirects(false));
  }

  FetchResponse signUp(String email, String name, String password) {
    return submit(
        "/blog/auth/create",
        "/blog/auth/create",
        "email",
        email,
        "name",
        name,
        "password",
        password);
  }

  FetchResponse logIn(String email, String password) {
    return submit("/blog/auth/login", "/blog/auth/login", "email", email, "password", password);
  }

  FetchResponse compose(String title, String markdown) {
    return submit("/blog/compose", "/blog/compose", "title", title, "markdown", markdown);
  }

  FetchResponse edit(long id, String title, String markdown) {
    return submit(
        "/blog/compose",
        "/blog/compose",
        "id",
        String.valueOf(id),
        "title",
        title,
        "markdown",
        markdown);
  }

  FetchResponse logOut() {
    return submit("/blog/", "/blog/auth/logout");
  }

  /** The session cookie, or null. */
  HttpCookie session() {
    return client.cookies().getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(BlogHandler.COOKIE))
        .findFirst()
        .orElse(null);
  }

  /** Replaces the session cookie's value with {@code value}. */
  void setSession(String value) {
    HttpCookie old = session();
    assertThat(old).as("session cookie").isNotNull();
    URI uri = URI.create(client.url("/blog/"));
    var store = client.cookies().getCookieStore();
    var others = store.getCookies().stream().filter(c -> c != old).toList();
    store.removeAll();
    others.forEach(c -> store.add(uri, c));
    HttpCookie c = new HttpCookie(BlogHandler.COOKIE, value);
    c.setPath(old.getPath());
    c.setVersion(0);
    store.add(uri, c);
    assertThat(session().getValue()).isEqualTo(value);
  }
}
