package io.topicnmf.spark;

import io.topicnmf.corpus.MailCleanup;
import io.topicnmf.model.CorpusStats;
import io.topicnmf.model.FitOptions;
import io.topicnmf.model.ModelFiles;
import io.topicnmf.model.SavedModel;
import io.topicnmf.model.Timings;
import io.topicnmf.model.Topic;
import io.topicnmf.analysis.StopWords;
import io.topicnmf.nmf.NmfOptions;
import io.topicnmf.report.FitSummary;
import io.topicnmf.report.Report;
import io.topicnmf.report.Reports;
import io.topicnmf.report.ToolInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes the job's outputs into the output folder (any Hadoop path): {@code report.json} and
 * {@code model.json} through the core's {@link Reports} and {@link ModelFiles} (so they are the
 * same formats {@code topicnmf fit} writes and {@code apply} reads), first on the driver's disk and
 * then moved in under a temporary name and renamed; and {@code documents.parquet}: id, label,
 * dominant_topic, cluster (the dominant topic's, or the cluster it was merged into), strength,
 * weights (normalised to sum 1) of every document.
 */
final class Outputs {
  private Outputs() {}

  static void write(SparkSession spark, String output, FitOptions options, CorpusStats stats,
      Timings timings, DistributedNmf.Result fit, Topics.Described d, Vectorizing.Vocabulary vocab,
      double[] idf, double xx) throws IOException {
    int k = fit.h().rows();
    writeParquet(spark, fit.blocks(), k, d.clusterOfTopic(), output + "/documents.parquet");
    double relErr = xx == 0 ? 0 : Math.sqrt(2 * fit.frobenius() / xx);
    FitSummary summary = new FitSummary(name(options.nmf().loss()), name(options.nmf().effectiveSolver()),
        NmfOptions.IN_MEMORY, fit.iterations(), fit.converged(), fit.objective(), fit.frobenius(), relErr, fit.trace());
    Report report = new Report(Report.FORMAT, ToolInfo.current(), "fit", Reports.parameters(options),
        stats, timings, summary, d.quality(), d.evaluation(), d.topics(), d.documents(), d.clusters());
    List<String> stop = new ArrayList<>();
    for (Path p : options.analysis().stopwordFiles()) stop.addAll(StopWords.read(p));
    List<SavedModel.SavedTopic> topics = new ArrayList<>();
    for (Topic t : d.topics()) topics.add(new SavedModel.SavedTopic(t.id(), t.terms()));
    List<Double> idfList = new ArrayList<>(idf.length);
    for (double v : idf) idfList.add(v);
    // clusterOfTopic as fit --clusters dominant saves it: only when a cluster was merged.
    List<Integer> clusterOfTopic = null;
    for (int t = 0; t < k; t++) if (d.clusterOfTopic()[t] != t) clusterOfTopic = Arrays.stream(d.clusterOfTopic()).boxed().toList();
    SavedModel model = new SavedModel(SavedModel.FORMAT, ToolInfo.current().version(), null, options,
        MailCleanup.NONE, stop, stats.documentsRead(), vocab.terms(), idfList, topics,
        SavedModel.SparseRows.of(fit.h()), null, null, null, null, clusterOfTopic);
    Path local = Files.createTempDirectory("topicnmf-spark");
    try {
      Reports.write(report, local.resolve("report.json"));
      ModelFiles.write(model, local.resolve("model.json"));
      org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(output);
      FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.mkdirs(out);
      for (String name : new String[] {"model.json", "report.json"}) {
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(out, "." + name + ".tmp");
        org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path(out, name);
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.resolve(name).toUri()), tmp);
        fs.delete(dst, false);
        if (!fs.rename(tmp, dst)) throw new IOException("cannot rename " + tmp + " to " + dst);
      }
    } finally {
      for (String name : new String[] {"model.json", "report.json"}) Files.deleteIfExists(local.resolve(name));
      Files.deleteIfExists(local);
    }
  }

  private static void writeParquet(SparkSession spark, JavaRDD<Block> blocks, int k, int[] clusterOfTopic,
      String path) {
    StructType schema = new StructType()
        .add("id", DataTypes.StringType, false)
        .add("label", DataTypes.StringType, true)
        .add("dominant_topic", DataTypes.IntegerType, true)
        .add("cluster", DataTypes.IntegerType, true)
        .add("strength", DataTypes.DoubleType, false)
        .add("weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    JavaRDD<Row> rows = blocks.flatMap(b -> {
      List<Row> out = new ArrayList<>(b.rows());
      for (int i = 0; i < b.rows(); i++) {
        double sum = 0;
        int best = -1;
        double bestW = 0;
        for (int t = 0; t < k; t++) {
          double v = b.w[i * k + t];
          sum += v;
          if (v > bestW) {
            bestW = v;
            best = t;
          }
        }
        Double[] w = new Double[k];
        for (int t = 0; t < k; t++) w[t] = sum > 0 ? b.w[i * k + t] / sum : 0.0;
        boolean none = best < 0 || !(sum > 0);
        out.add(RowFactory.create(b.ids[i], b.labels[i], none ? null : best, none ? null : clusterOfTopic[best],
            sum > 0 && best >= 0 ? bestW / sum : 0.0, w));
      }
      return out.iterator();
    });
    spark.createDataFrame(rows, schema).write().mode(SaveMode.Overwrite).parquet(path);
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
