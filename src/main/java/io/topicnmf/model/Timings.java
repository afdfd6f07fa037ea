package io.topicnmf.model;

/** Wall-clock seconds per stage of a fit. */
public record Timings(
    double readSeconds,
    double analysisSeconds,
    double matrixSeconds,
    double nmfSeconds,
    double topicsSeconds,
    double totalSeconds) {}
