package io.squall.demos.blog;

/**
 * {@code POST /blog/auth/logout}: clears the session cookie and redirects to {@code next} (303). A
 * POST, not Tornado's GET, so that the XSRF check keeps other sites from logging a reader out.
 */
final class LogoutHandler extends BlogHandler {
  LogoutHandler(BlogDemo.Blog blog) {
    super(blog);
  }

  /** Logs out. */
  public void post() {
    String next = next();
    logOut();
    redirect(next, 303);
  }
}
