/**
 * Ground floor shared by every stage: how an invalid option is reported. Library code names its
 * parameters ({@code topics}, {@code maxIter}, {@code maxDf}), never command-line flags; an
 * {@link io.topicnmf.options.InvalidOptionException} carries the parameter, and the command line
 * ({@code io.topicnmf.cli}) maps parameters to its flags in one place. Depends on nothing else of
 * topicnmf.
 */
package io.topicnmf.options;
