package io.topicnmf.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;

import io.topicnmf.corpus.TextDecoder;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The job's input from any Hadoop path: a folder of text files (ids are paths relative to the
 * folder, labels their first sub-folder, as {@code topicnmf fit} reads a folder), JSON Lines files
 * or Parquet files with a text column ({@code --text-field}, {@code --id-field}, {@code
 * --label-field}; ids {@code FILE#N} by default, N the record number from 1).
 */
final class Inputs {
  private Inputs() {}

  /** The formats the job reads ({@code --format}). */
  enum Format { AUTO, TEXT, JSONL, PARQUET }

  /**
   * One document, or a skipped file: {@code text} null and {@code reason} set.
   */
  record Doc(String id, String label, String text, String reason) implements Serializable {}

  /** The documents (and skipped files) under {@code path}. */
  static JavaRDD<Doc> read(SparkSession spark, String path, Format format, String textField,
      String idField, String labelField) throws IOException {
    Format f = format == Format.AUTO ? detect(spark, path) : format;
    return switch (f) {
      case TEXT -> textFiles(spark, path);
      case JSONL -> records(spark, spark.read().json(path), path, textField, idField, labelField);
      case PARQUET -> records(spark, spark.read().parquet(path), path, textField, idField, labelField);
      default -> throw new AssertionError(f);
    };
  }

  /**
   * Each partition's documents sorted by id (then label, text and reason): after a shuffle the
   * order within a partition depends on which map output arrived first, and the fit's sums follow
   * the rows' order, so this keeps a run's bits the same for a given partitioning.
   */
  static JavaRDD<Doc> inIdOrder(JavaRDD<Doc> docs) {
    return docs.mapPartitions(it -> {
      // made in the task: the comparators are not serializable
      java.util.Comparator<String> str = java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder());
      java.util.Comparator<Doc> order = java.util.Comparator.comparing(Doc::id, str)
          .thenComparing(Doc::label, str).thenComparing(Doc::text, str).thenComparing(Doc::reason, str);
      java.util.List<Doc> all = new java.util.ArrayList<>();
      it.forEachRemaining(all::add);
      all.sort(order);
      return all.iterator();
    }, true);
  }

  /** By the name: .jsonl/.ndjson (gzipped or not), .parquet; a folder by the files in it. */
  static Format detect(SparkSession spark, String path) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    FileStatus status = fs.getFileStatus(p);
    if (!status.isDirectory()) return byName(p.getName());
    Format seen = Format.TEXT;
    for (FileStatus s : fs.listStatus(p)) {
      Format g = s.isDirectory() ? Format.TEXT : byName(s.getPath().getName());
      if (g == Format.PARQUET) return g;
      if (g == Format.JSONL) seen = g;
    }
    return seen;
  }

  private static Format byName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) n = n.substring(0, n.length() - 3);
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) return Format.JSONL;
    if (n.endsWith(".parquet")) return Format.PARQUET;
    return Format.TEXT;
  }

  private static JavaRDD<Doc> textFiles(SparkSession spark, String path) throws IOException {
    String root = qualified(spark, path);
    Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
        .load(path).select("path", "content");
    return files.javaRDD().map(r -> textFile(root, r.getString(0), (byte[]) r.get(1)));
  }

  /** The document of one file, as the core's plain-text reading gives it. */
  static Doc textFile(String root, String uri, byte[] bytes) {
    String rel = relative(root, uri);
    String[] parts = rel.split("/");
    String label = parts.length > 1 ? parts[0] : null;
    String name = parts[parts.length - 1];
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (Arrays.stream(parts).anyMatch(s -> s.startsWith("."))) return new Doc(rel, label, null, "hidden");
    if (!(ext.isEmpty() || ext.equals("txt") || ext.equals("text") || ext.equals("md"))) {
      return new Doc(rel, label, null, "unsupported extension ." + ext + " (the Spark job reads plain text, .jsonl and Parquet)");
    }
    if (bytes.length == 0) return new Doc(rel, label, null, "empty file");
    if (TextDecoder.looksBinary(bytes)) return new Doc(rel, label, null, "binary");
    return new Doc(rel, label, TextDecoder.decode(bytes), null);
  }

  private static JavaRDD<Doc> records(SparkSession spark, Dataset<Row> in, String path,
      String textField, String idField, String labelField) throws IOException {
    for (String field : new String[] {textField, idField, labelField}) {
      if (field != null && !Arrays.asList(in.columns()).contains(field)) {
        throw new IllegalArgumentException("no field '" + field + "' in " + path + " (fields: "
            + String.join(", ", in.columns()) + "); give it with --text-field, --id-field or --label-field");
      }
    }
    String root = qualified(spark, path);
    boolean single = !new Path(path).getFileSystem(spark.sparkContext().hadoopConfiguration())
        .getFileStatus(new Path(path)).isDirectory();
    Column id = idField == null ? lit(null).cast("string") : col(idField).cast("string");
    Column label = labelField == null ? lit(null).cast("string") : col(labelField).cast("string");
    Dataset<Row> d = in.select(col(textField).cast("string").as("t"), id.as("i"), label.as("l"),
            input_file_name().as("f"), monotonically_increasing_id().as("o"))
        .withColumn("n", row_number().over(Window.partitionBy("f").orderBy("o")));
    return d.select("t", "i", "l", "f", "n").javaRDD().map(r -> {
      String uri = r.getString(3);
      String file = single ? uri.substring(uri.lastIndexOf('/') + 1) : relative(root, uri);
      String docId = r.isNullAt(1) || r.getString(1).isBlank() ? file + "#" + r.getInt(4) : r.getString(1);
      String text = r.isNullAt(0) ? null : r.getString(0);
      String reason = text == null ? "no \"" + textField + "\" field (--text-field)"
          : text.isBlank() ? "empty text" : null;
      return new Doc(docId, r.isNullAt(2) ? null : r.getString(2), reason == null ? text : null, reason);
    });
  }

  private static String qualified(SparkSession spark, String path) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    return fs.makeQualified(p).toUri().toString();
  }

  /** {@code uri} relative to the folder {@code root} (both qualified URIs), '/' separated. */
  static String relative(String root, String uri) {
    String r = URI.create(root).getPath();
    String u = URI.create(uri.replace(" ", "%20")).getPath();
    if (!r.endsWith("/")) r = r + "/";
    return u.startsWith(r) ? u.substring(r.length()) : u.substring(u.lastIndexOf('/') + 1);
  }
}
