package io.topicnmf.model;

import java.io.IOException;

/** A model file that cannot be used: not JSON, another format, or inconsistent. The message says which. */
public final class ModelFormatException extends IOException {
  public ModelFormatException(String message) {
    super(message);
  }
}
