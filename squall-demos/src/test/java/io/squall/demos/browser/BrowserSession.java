package io.squall.demos.browser;

import io.squall.testing.ExternalTools;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.v156.log.Log;
import org.openqa.selenium.devtools.v156.log.model.LogEntry;
import org.openqa.selenium.devtools.v156.network.Network;
import org.openqa.selenium.devtools.v156.runtime.Runtime;
import org.openqa.selenium.devtools.v156.runtime.model.ConsoleAPICalled;
import org.openqa.selenium.devtools.v156.runtime.model.RemoteObject;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through {@code /usr/bin/chromedriver} (set explicitly, so
 * Selenium downloads nothing), that records every problem a page has: JavaScript console errors,
 * uncaught exceptions, browser log errors, failed sub-requests and answers of 400 and above.
 *
 * <p>Outside CI a missing {@code chromium} or {@code chromedriver} skips the test; under {@code
 * .ci/run} it fails it ({@link ExternalTools}). Close the session to stop the browser and delete
 * its profile.
 *
 * <pre>{@code
 * try (BrowserSession browser = BrowserSession.start()) {
 *   List<String> problems = browser.visit(url, Path.of("target/screenshots/index.png"));
 *   assertThat(problems).isEmpty();
 * }
 * }</pre>
 */
public final class BrowserSession implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final DevTools devTools;
  private final Path profile;
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final Map<String, String> urls = new ConcurrentHashMap<>();

  private BrowserSession(ChromeDriverService service, ChromeDriver driver, Path profile) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
    this.devTools = driver.getDevTools();
    devTools.createSession();
    devTools.send(new Command<>("Network.enable", Map.of()));
    devTools.send(Runtime.enable());
    devTools.send(Log.enable());
    devTools.addListener(
        Network.requestWillBeSent(),
        e -> urls.put(e.getRequestId().toString(), e.getRequest().getUrl()));
    devTools.addListener(
        Network.responseReceived(),
        e -> {
          int status = e.getResponse().getStatus();
          if (status >= 400) {
            problems.add("HTTP " + status + " for " + e.getResponse().getUrl());
          }
        });
    devTools.addListener(
        Network.loadingFailed(),
        e -> {
          if (!e.getCanceled().orElse(false)) {
            problems.add(
                "request failed ("
                    + e.getErrorText()
                    + "): "
                    + urls.getOrDefault(e.getRequestId().toString(), "?"));
          }
        });
    devTools.addListener(
        Runtime.exceptionThrown(),
        e ->
            problems.add(
                "uncaught: "
                    + e.getExceptionDetails()
                        .getException()
                        .flatMap(RemoteObject::getDescription)
                        .orElse(e.getExceptionDetails().getText())));
    devTools.addListener(
        Runtime.consoleAPICalled(),
        e -> {
          if (e.getType() == ConsoleAPICalled.Type.ERROR) {
            problems.add("console.error: " + describe(e.getArgs()));
          }
        });
    devTools.addListener(
        Log.entryAdded(),
        e -> {
          LogEntry entry = e;
          if (entry.getLevel() == LogEntry.Level.ERROR) {
            problems.add(
                "browser log: " + entry.getText() + entry.getUrl().map(u -> " " + u).orElse(""));
          }
        });
  }

  /** Starts headless Chromium in a fresh profile; skips (or, in CI, fails) without it. */
  public static BrowserSession start() {
    Path chromium = ExternalTools.require("chromium", "chromium");
    ExternalTools.require("chromedriver", "chromium-driver");
    Path profile;
    try {
      profile = Files.createTempDirectory("squall-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    try {
      return new BrowserSession(service, new ChromeDriver(service, options), profile);
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(profile);
      throw e;
    }
  }

  /** The driver, for tests that click and type. */
  public WebDriver driver() {
    return driver;
  }

  /** A wait of up to 30 s that retries when the page re-rendered the element it was looking at. */
  public WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** The problems seen since the last {@link #visit} or {@link #clearProblems()}. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Forgets the problems seen so far (before a step that expects an error answer). */
  public void clearProblems() {
    problems.clear();
  }

  /**
   * Opens {@code url}, waits until it has loaded with all its sub-resources and {@code ready}
   * holds, saves a screenshot to {@code screenshot}, and returns the problems seen meanwhile.
   */
  public List<String> visit(String url, Path screenshot, Function<WebDriver, Boolean> ready)
      throws IOException {
    problems.clear();
    driver.get(url);
    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    wait.until(
        d ->
            "complete"
                .equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    wait.until(ready);
    // one more round trip through the page's event loop, so handlers queued by load have run
    ((JavascriptExecutor) driver)
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " requestAnimationFrame(() => setTimeout(done, 0));");
    Files.createDirectories(screenshot.getParent());
    Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));
    List<String> seen = new ArrayList<>(problems);
    driver.get("about:blank");
    return seen;
  }

  /** {@link #visit(String, Path, Function)} with no condition beyond the page having loaded. */
  public List<String> visit(String url, Path screenshot) throws IOException {
    return visit(url, screenshot, d -> true);
  }

  private static String describe(List<RemoteObject> args) {
    List<String> parts = new ArrayList<>();
    for (RemoteObject o : args) {
      Optional<Object> v = o.getValue();
      parts.add(v.map(String::valueOf).orElse(o.getDescription().orElse(o.getType().toString())));
    }
    return String.join(" ", parts);
  }

  @Override
  public void close() {
    try {
      devTools.close();
    } finally {
      try {
        driver.quit();
      } finally {
        service.stop();
        deleteTree(profile);
      }
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp directory
    }
  }
}
