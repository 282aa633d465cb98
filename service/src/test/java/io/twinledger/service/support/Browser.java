package io.twinledger.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real, headless Chromium driven by Selenium: Debian's {@code chromium} and {@code
 * chromium-driver}, which {@code .ci/run} installs. Without them (a machine with only a JDK) the
 * browser tests are skipped, not failed. Every page a test reaches can be checked with axe-core and
 * photographed.
 */
public final class Browser implements AutoCloseable {

  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  /** Where screenshots go: {@code target/ui-screenshots}. */
  public static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

  private final ChromeDriver driver;
  private final String base;

  /** A desktop-sized browser window. */
  public static Browser open(int port) {
    return open(port, 1280, 900);
  }

  /** A browser window of the given size; 390 × 844 is a phone. */
  public static Browser open(int port, int width, int height) {
    Assumptions.assumeTrue(
        CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
        "browser tests need Debian's chromium and chromium-driver (.ci/run installs them)");
    return new Browser(port, width, height);
  }

  private Browser(int port, int width, int height) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--lang=en-GB",
        "--window-size=" + width + "," + height);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
    this.driver = new ChromeDriver(service, options);
    this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    this.base = "http://localhost:" + port;
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Opens a path of the service. */
  public Browser go(String path) {
    driver.get(base + path);
    return this;
  }

  /** The current path, without scheme, host and port. */
  public String path() {
    return driver.getCurrentUrl().substring(base.length());
  }

  /** Signs in through the form, as a person does: type, then press the button. */
  public Browser signIn(String user, String password) {
    go("/login");
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    waitFor(d -> !d.getCurrentUrl().contains("/login"));
    return this;
  }

  /** Signs out with the header's button and lands on the sign-in page. */
  public Browser signOut() {
    driver.findElement(By.cssSelector("form.signout button")).click();
    waitFor(d -> d.getCurrentUrl().contains("/login"));
    return this;
  }

  /** Follows a link of the main navigation by its text. */
  public Browser navigate(String label) {
    driver
        .findElement(By.cssSelector("nav[aria-label=Main]"))
        .findElement(By.linkText(label))
        .click();
    return this;
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public String text() {
    return driver.findElement(By.tagName("main")).getText();
  }

  /**
   * Does what leads to another page (a click, a form sent) and waits until that page has replaced
   * this one. The old page's root counts as gone when the driver says it is stale, or when Chrome
   * answers that the node no longer belongs to the document (a newer Chrome's way of saying so,
   * which Selenium passes on as a plain {@link WebDriverException}).
   */
  public void follow(Runnable action) {
    WebElement page = find("html");
    action.run();
    waitFor(
        d -> {
          try {
            page.isEnabled();
            return false;
          } catch (StaleElementReferenceException gone) {
            return true;
          } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
              return true;
            }
            throw e;
          }
        });
  }

  public void waitFor(Function<ChromeDriver, Boolean> condition) {
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> condition.apply(driver));
  }

  /**
   * Runs axe-core on the current page (WCAG 2.1 A and AA rules) and fails on any serious or
   * critical violation, naming the rule and the elements.
   *
   * <p>axe runs in the page itself ({@code axe.run}, the builder's legacy mode): the pages have no
   * frames, so its default, a partial run per frame finished in a blank tab opened for it, would
   * open and close a tab for every check and give the same result. Only violations are reported in
   * full; for the rules that pass, axe would otherwise list every element checked, which is most of
   * what the driver has to carry back.
   */
  public Browser assertAccessible() {
    AxeRunOptions options = new AxeRunOptions();
    options.setResultTypes(List.of("violations"));
    Results results =
        new AxeBuilder()
            .withOptions(options)
            .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
            .setLegacyMode(true)
            .analyze(driver);
    List<String> severe =
        results.getViolations().stream()
            .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
            .map(Browser::describe)
            .toList();
    assertThat(severe).as("axe-core on " + path()).isEmpty();
    return this;
  }

  private static String describe(Rule rule) {
    return rule.getId()
        + " ("
        + rule.getImpact()
        + "): "
        + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList();
  }

  /** Saves a screenshot of the window as {@code target/ui-screenshots/NAME.png}. */
  public Browser screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new IllegalStateException("cannot save screenshot " + name, e);
    }
    return this;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
