package io.topicnmf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/**
 * A job that runs out of heap ends in one line that says what to do (the core CLI's rule), however
 * deep Spark wraps the error: a task that failed to serialize or to run gives a SparkException
 * whose cause is the OutOfMemoryError (stop 31, the topics stage of a 100 k run in 1.5 GB).
 */
class SparkOutOfMemoryTest {
  @Test
  void anOutOfMemoryErrorAmongTheCausesIsOneLineWithTheMemoryToGive() {
    Throwable failed = new SparkException("Job aborted due to stage failure: Task serialization failed",
        new RuntimeException(new OutOfMemoryError("Java heap space")));
    assertEquals("out of memory (the JVM's heap holds at most 1500 MB): give the driver and the executors more"
        + " memory (spark-submit --driver-memory 3g --executor-memory 3g; in local mode java -Xmx3g), or more"
        + " partitions (--partitions) so that each task holds less", SparkFit.outOfMemory(failed, 1500L << 20));
    assertEquals("out of memory (the JVM's heap holds at most 256 MB): give the driver and the executors more"
        + " memory (spark-submit --driver-memory 512m --executor-memory 512m; in local mode java -Xmx512m), or more"
        + " partitions (--partitions) so that each task holds less",
        SparkFit.outOfMemory(new OutOfMemoryError(), 256L << 20));
    assertNull(SparkFit.outOfMemory(new SparkException("Job aborted", new IllegalStateException("other")), 1L << 30));
  }
}
