package io.topicnmf.cli;

/** A mistake of the user's that is found after parsing (exit 2, message only). */
final class UserException extends Exception {
  UserException(String message) {
    super(message);
  }
}
