package io.squall.demos.blog;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.db.Database;
import io.squall.db.TestDatabases;
import io.squall.demos.DemoHub;
import io.squall.demos.browser.BrowserSession;
import io.squall.demos.tasks.TaskStore;
import io.squall.testing.ExpectLog;
import io.squall.testing.SquallClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The blog in headless Chromium, as a reader would use it: sign up, write a post and see it
 * rendered, edit it, log out, log in again; then a form whose XSRF token was changed in the page is
 * refused, and so is a session cookie changed in the browser. No page has a script error or a
 * failed request along the way.
 */
class BlogBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");

  @Test
  void theBlogWorksInABrowser(@TempDir Path dir) throws Exception {
    try (BrowserSession browser = BrowserSession.start();
        Database db = BlogDemo.openDatabase(TestDatabases.freshUrl("h2", dir));
        SquallClient hub =
            SquallClient.start(
                DemoHub.app(
                    new TaskStore(db), new BlogStore(db), BlogDemo.randomSecret(), false))) {
      WebDriver d = browser.driver();
      WebDriverWait wait = browser.waiting();

      d.get(hub.url("/blog/"));
      assertThat(d.findElement(By.id("no-posts")).getText()).startsWith("No posts yet");

      // sign up
      d.findElement(By.id("signup")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signup-form")));
      d.findElement(By.id("email")).sendKeys("ada@example.org");
      d.findElement(By.id("name")).sendKeys("Ada Lovelace");
      d.findElement(By.id("password")).sendKeys("analytical engine");
      d.findElement(By.id("signup-button")).click();
      wait.until(ExpectedConditions.textToBe(By.id("author"), "Ada Lovelace"));
      assertThat(d.manage().getCookieNamed(BlogHandler.COOKIE).isHttpOnly()).isTrue();

      // compose, with script that must not run
      d.findElement(By.id("new-post")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compose")));
      d.findElement(By.id("title")).sendKeys("From the browser");
      d.findElement(By.id("markdown"))
          .sendKeys(
              "Hello *browser*.\n\n<script>window.pwned = 1</script>\n\n[x](javascript:pwned=2)");
      d.findElement(By.id("publish")).click();
      wait.until(ExpectedConditions.urlContains("/blog/entry/from-the-browser"));
      WebElement body = d.findElement(By.cssSelector(".entry .body"));
      assertThat(body.findElement(By.tagName("em")).getText()).isEqualTo("browser");
      assertThat(body.getText()).contains("<script>window.pwned = 1</script>");
      assertThat(((JavascriptExecutor) d).executeScript("return typeof window.pwned"))
          .isEqualTo("undefined");
      assertThat(body.findElements(By.tagName("script"))).isEmpty();
      shot(d, "blog-entry.png");

      // edit
      d.findElement(By.cssSelector(".entry .edit")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compose")));
      WebElement text = d.findElement(By.id("markdown"));
      assertThat(text.getAttribute("value")).startsWith("Hello *browser*.");
      text.clear();
      text.sendKeys("Edited in **Chromium**.");
      d.findElement(By.id("publish")).click();
      wait.until(ExpectedConditions.textToBe(By.cssSelector(".entry .body strong"), "Chromium"));
      assertThat(d.getCurrentUrl()).endsWith("/blog/entry/from-the-browser");

      // the home page and the archive list it
      d.get(hub.url("/blog/"));
      assertThat(d.findElement(By.cssSelector(".entry h2")).getText())
          .isEqualTo("From the browser");
      d.get(hub.url("/blog/archive"));
      assertThat(d.findElement(By.id("archive")).getText()).contains("From the browser");
      assertThat(browser.problems()).as("problems in the pages so far").isEmpty();

      // log out, log in
      d.findElement(By.cssSelector("#logout button")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
      assertThat(d.findElements(By.id("author"))).isEmpty();
      assertThat(d.manage().getCookieNamed(BlogHandler.COOKIE)).isNull();
      d.findElement(By.id("login")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
      d.findElement(By.id("email")).sendKeys("ada@example.org");
      d.findElement(By.id("password")).sendKeys("analytical engine");
      d.findElement(By.id("login-button")).click();
      wait.until(ExpectedConditions.textToBe(By.id("author"), "Ada Lovelace"));
      assertThat(browser.problems()).as("problems in the pages so far").isEmpty();

      // a forged XSRF token: refused with 403, nothing saved
      d.get(hub.url("/blog/compose"));
      ((JavascriptExecutor) d)
          .executeScript(
              "document.querySelector('#compose input[name=_xsrf]').value = '2|00|11|22'");
      d.findElement(By.id("title")).sendKeys("Forged");
      d.findElement(By.id("markdown")).sendKeys("should not be saved");
      try (ExpectLog log = ExpectLog.expect("squall", "403 POST /blog/compose")) {
        d.findElement(By.id("publish")).click();
        wait.until(ExpectedConditions.titleContains("403"));
      }
      assertThat(browser.problems()).anyMatch(p -> p.contains("HTTP 403"));
      browser.clearProblems();
      assertThat(posts(db)).isEqualTo(1);

      // a session cookie changed in the browser: logged out, and compose sends to the login page
      Cookie session = d.manage().getCookieNamed(BlogHandler.COOKIE);
      String v = session.getValue();
      String changed = v.substring(0, v.length() - 1) + (v.endsWith("0") ? "1" : "0");
      d.manage().deleteCookie(session);
      d.manage()
          .addCookie(
              new Cookie.Builder(BlogHandler.COOKIE, changed)
                  .path(session.getPath())
                  .isHttpOnly(true)
                  .build());
      d.get(hub.url("/blog/"));
      assertThat(d.findElements(By.id("author"))).isEmpty();
      assertThat(d.findElement(By.id("login")).isDisplayed()).isTrue();
      d.get(hub.url("/blog/compose"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
      assertThat(d.getCurrentUrl()).contains("/blog/auth/login?next=");
      assertThat(browser.problems()).isEmpty();
      shot(d, "blog-login.png");
    }
  }

  static long posts(Database db) throws Exception {
    return db.withHandle(
            h -> h.createQuery("SELECT COUNT(*) FROM blog_entries").mapTo(Long.class).one())
        .get(30, TimeUnit.SECONDS);
  }

  static void shot(WebDriver d, String name) throws Exception {
    Files.createDirectories(SHOTS);
    Files.write(
        SHOTS.resolve(name),
        ((org.openqa.selenium.TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
  }
}
