package io.topicnmf.spark;

import org.apache.spark.sql.SparkSession;

/** The local[2] session the module's tests run the job in: no UI, the loopback host, warnings only. */
final class LocalSpark {
  private LocalSpark() {}

  static SparkSession start(String appName) {
    SparkSession spark = SparkSession.builder().master("local[2]").appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
