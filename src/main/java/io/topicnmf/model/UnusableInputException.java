package io.topicnmf.model;

import java.io.IOException;

/**
 * The input cannot give a model: nothing usable was found, or the request does not fit the data
 * (more topics than usable documents or terms). The message says why and what to do.
 */
public final class UnusableInputException extends IOException {
  public UnusableInputException(String message) {
    super(message);
  }
}
