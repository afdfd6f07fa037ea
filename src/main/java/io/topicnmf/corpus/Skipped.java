package io.topicnmf.corpus;

/**
 * A file that was not used, and why.
 *
 * @param path path relative to the corpus root with '/' separators
 * @param reason a short human-readable reason, e.g. "binary file (NUL byte in first 8 KB)"
 */
public record Skipped(String path, String reason) {}
