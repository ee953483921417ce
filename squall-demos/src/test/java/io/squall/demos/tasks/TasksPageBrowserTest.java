package io.squall.demos.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.db.Database;
import io.squall.db.TestDatabases;
import io.squall.demos.DemoHub;
import io.squall.demos.browser.BrowserSession;
import io.squall.testing.SquallClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * {@code /tasks/} in headless Chromium: add a task, complete it, delete it, and see the list change
 * each time, with the database agreeing.
 */
class TasksPageBrowserTest {
  @Test
  void addCompleteAndDeleteATaskInTheBrowser(@TempDir Path dir) throws Exception {
    try (BrowserSession browser = BrowserSession.start();
        Database db = TasksDemo.openDatabase(TestDatabases.freshUrl("h2", dir));
        SquallClient client = SquallClient.start(DemoHub.app(new TaskStore(db)))) {
      TaskStore store = new TaskStore(db);
      store.create(new TaskInput("already there", null, null, null)).get(30, TimeUnit.SECONDS);
      var driver = browser.driver();
      var wait = browser.waiting();

      driver.get(client.url("/tasks/"));
      assertThat(driver.getTitle()).isEqualTo("Tasks");
      assertThat(names(driver.findElements(By.cssSelector("#tasks li .name"))))
          .containsExactly("already there");

      // add, with a name that must come back exactly (and not as HTML)
      String name = "Buy <b>crème</b> 🍰";
      driver.findElement(By.id("name")).sendKeys(name);
      driver.findElement(By.id("add-button")).click();
      wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#tasks li"), 2));
      WebElement added = driver.findElements(By.cssSelector("#tasks li")).get(1);
      assertThat(added.findElement(By.className("name")).getText()).isEqualTo(name);
      assertThat(driver.findElement(By.id("name")).getAttribute("value"))
          .as("form reset")
          .isEmpty();
      long id = Long.parseLong(added.getAttribute("data-id"));
      assertThat(store.get(id).get(30, TimeUnit.SECONDS).orElseThrow().name()).isEqualTo(name);

      // complete
      added.findElement(By.className("complete")).click();
      wait.until(
          ExpectedConditions.attributeContains(
              By.cssSelector("#tasks li[data-id='" + id + "']"), "class", "done"));
      assertThat(store.get(id).get(30, TimeUnit.SECONDS).orElseThrow().completed()).isTrue();

      // delete
      driver.findElement(By.cssSelector("#tasks li[data-id='" + id + "'] .delete")).click();
      wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#tasks li"), 1));
      assertThat(names(driver.findElements(By.cssSelector("#tasks li .name"))))
          .containsExactly("already there");
      assertThat(store.get(id).get(30, TimeUnit.SECONDS)).isEmpty();

      // an error from the API is shown on the page: a name of spaces only
      driver.findElement(By.id("name")).sendKeys("   ");
      driver.findElement(By.id("add-button")).click();
      wait.until(ExpectedConditions.textToBe(By.id("status"), "name must not be empty"));
      assertThat(store.list().get(30, TimeUnit.SECONDS)).hasSize(1);
    }
  }

  private static List<String> names(List<WebElement> elements) {
    return elements.stream().map(WebElement::getText).toList();
  }
}
