/**
 * The ground floor for writing outputs: {@link io.topicnmf.files.AtomicFiles} writes a file so that
 * it is either complete or absent (a temporary file in the target's folder, forced to disk, then
 * moved into place). Every output file of the tool goes through it. {@link
 * io.topicnmf.files.CsvReader} is the one RFC 4180 record reader, behind numeric CSV tables and
 * {@code .csv} corpora.
 *
 * <p>Depends on nothing else in topicnmf.
 */
package io.topicnmf.files;
