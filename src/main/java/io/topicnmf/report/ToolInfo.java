package io.topicnmf.report;

import io.topicnmf.model.SavedModel;

/**
 * The tool's name and version (from the build).
 *
 * @param name "topicnmf"
 * @param version the Maven project version
 */
public record ToolInfo(String name, String version) {
  /** This build's name and version ({@link SavedModel#currentToolVersion}). */
  public static ToolInfo current() {
    return new ToolInfo("topicnmf", SavedModel.currentToolVersion());
  }
}
