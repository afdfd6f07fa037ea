package io.topicnmf.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The tool's name and version (from the build).
 *
 * @param name "topicnmf"
 * @param version the Maven project version
 */
public record ToolInfo(String name, String version) {
  /** This build's name and version. */
  public static ToolInfo current() {
    String v = "unknown";
    try (InputStream in = ToolInfo.class.getResourceAsStream("/io/topicnmf/version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        v = p.getProperty("version", v);
      }
    } catch (IOException e) {
      // keep "unknown": the version is informative only
    }
    return new ToolInfo("topicnmf", v);
  }
}
