package io.topicnmf.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The local[2] session the module's tests run the job in (no UI, the loopback host, warnings only):
 * a test class extends this one to have {@link #spark} started before its tests and stopped after
 * them. The classes run one after another (Surefire's default), so one field serves them all.
 */
abstract class LocalSpark {
  static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().master("local[2]").appName("topicnmf-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }
}
