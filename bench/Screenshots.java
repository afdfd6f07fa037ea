import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Screenshots of report pages in headless Chromium, driven by Selenium as HtmlPagesBrowserTest
 * drives it (Chromium's own --screenshot does not honour a page's anchor once scripts have drawn
 * it). Run by bench/screenshots.sh with the test class path.
 *
 * <p>Arguments, four per shot: PAGE.html[#fragment] SELECTOR|viewport WIDTHxHEIGHT OUT.png — with a
 * CSS selector the shot is that element (the window WIDTH wide); with "viewport" it is the window
 * of that size at the top of the page (or at its #fragment).
 */
public class Screenshots {
  public static void main(String[] args) throws Exception {
    Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
        "--user-data-dir=" + Files.createTempDirectory("shots-profile"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      for (int i = 0; i + 3 < args.length; i += 4) {
        String[] page = args[i].split("#", 2);
        String[] size = args[i + 2].split("x");
        driver.manage().window().setSize(new Dimension(Integer.parseInt(size[0]), Integer.parseInt(size[1])));
        driver.get(Path.of(page[0]).toAbsolutePath().toUri() + (page.length > 1 ? "#" + page[1] : ""));
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d ->
            "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        byte[] png;
        if (args[i + 1].equals("viewport")) {
          png = driver.getScreenshotAs(OutputType.BYTES);
        } else {
          WebElement e = driver.findElement(By.cssSelector(args[i + 1]));
          ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView();", e);
          png = e.getScreenshotAs(OutputType.BYTES);
        }
        Files.write(Path.of(args[i + 3]), png);
        System.out.println(args[i + 3] + ": " + png.length + " bytes");
      }
    } finally {
      driver.quit();
    }
  }
}
