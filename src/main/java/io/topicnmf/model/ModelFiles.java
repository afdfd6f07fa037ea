package io.topicnmf.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicnmf.files.AtomicFiles;
import java.io.BufferedReader;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes and reads {@code model.json} ({@link SavedModel}, format {@value SavedModel#FORMAT}).
 * Objects are indented, arrays (the vocabulary, idf, the rows of H) are written on one line each,
 * so the file stays readable yet compact. Doubles are written in their shortest round-trip form,
 * so a model read back is bit-identical. {@link #read} checks everything {@code apply} relies on
 * and fails with a {@link ModelFormatException} saying what is wrong; an option missing from the
 * file's {@code options} (added to the tool after the model was written) takes its default.
 */
public final class ModelFiles {
  /**
   * Option enums are written as the command line spells them (lower case, as report.json does)
   * and read in any case, so models written before (upper-case names) still load.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      // H and the centroids are millions of doubles: Schubfach writes them several times faster
      // than Double.toString, in the shortest form that reads back to the same bits.
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .addModule(new SimpleModule().addSerializer(Enum.class, new StdSerializer<Enum>(Enum.class) {
        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
          gen.writeString(value.name().toLowerCase(Locale.ROOT));
        }
      }))
      .build();

  private static final ObjectWriter WRITER = MAPPER.writer(
      new DefaultPrettyPrinter()
          .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
          .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance));

  private ModelFiles() {}

  /** Writes {@code model} to {@code file} atomically (complete or absent). */
  public static void write(SavedModel model, Path file) throws IOException {
    AtomicFiles.write(file, out -> WRITER.writeValue(out, model));
  }

  /**
   * Reads and checks a model written by {@link #write}.
   *
   * @throws NoSuchFileException if the file does not exist
   * @throws ModelFormatException if it is not a readable model of this format
   */
  public static SavedModel read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "model file not found");
    }
    SavedModel m;
    try {
      JsonNode root = readTree(file);
      if (root == null || root.isMissingNode()) {
        throw new ModelFormatException(file + " is empty, not a topicnmf model (" + SavedModel.FORMAT
            + "): give the model.json written by 'topicnmf fit'");
      }
      if (!(root instanceof ObjectNode)) {
        throw new ModelFormatException(file + " holds a JSON " + root.getNodeType().toString().toLowerCase(Locale.ROOT)
            + ", not a topicnmf model (" + SavedModel.FORMAT + ", a JSON object): give the model.json written by 'topicnmf fit'");
      }
      if (root instanceof ObjectNode obj && obj.get("options") instanceof ObjectNode stored) {
        // Options added to the tool after the model was written take their defaults, which by the
        // project's convention reproduce the earlier behaviour.
        ObjectNode merged = MAPPER.valueToTree(FitOptions.defaults(1));
        merge(merged, stored);
        // A model without centroids (written before they were saved, or fitted with
        // --clusters dominant) places documents by their dominant topic.
        if (!(obj.get("centroids") instanceof ObjectNode)) merged.put("clusters", "dominant");
        obj.set("options", merged);
      }
      m = MAPPER.treeToValue(root, SavedModel.class);
    } catch (JsonProcessingException e) {
      String format = formatOf(file);
      if (format != null && !SavedModel.FORMAT.equals(format)) {
        throw new ModelFormatException(file + " has format '" + format + "', not " + SavedModel.FORMAT
            + ": fit the model again with this version of topicnmf");
      }
      throw new ModelFormatException(file + " is not a topicnmf model (" + SavedModel.FORMAT + "): "
          + e.getOriginalMessage());
    } catch (CharacterCodingException | CharConversionException e) {
      throw new ModelFormatException(file + " is not a topicnmf model (" + SavedModel.FORMAT
          + "): it is not UTF-8 text (" + e.getMessage() + "): give the model.json written by 'topicnmf fit'");
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ModelFormatException(file + " is not a valid topicnmf model: " + e.getMessage());
    }
    check(m, file);
    return m;
  }

  /**
   * The JSON tree of {@code file} decoded strictly as UTF-8 (as RFC 8259 requires; a byte-order
   * mark is skipped). Jackson's own detection would read a file starting with zero bytes as UTF-32
   * and fail with an encoding error instead of a JSON one (found by ModelFilesFuzzTest).
   */
  private static JsonNode readTree(Path file) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
      in.mark(1);
      if (in.read() != '\uFEFF') in.reset();
      return MAPPER.readTree(in);
    }
  }

  /**
   * Reads a model as {@link #read} does and, when a report.json of a fit lies beside it, checks
   * that both come from the same run (their {@code runId}s): a fit publishes its files together,
   * so a disagreement means they were mixed (copied from two runs, or a publish interrupted and not
   * yet completed).
   *
   * @throws ModelFormatException if the model is unreadable or its report's run differs
   */
  public static SavedModel readOfRun(Path file) throws IOException {
    SavedModel m = read(file);
    Path report = file.toAbsolutePath().resolveSibling("report.json");
    if (m.runId() == null || !Files.isRegularFile(report)) return m;
    JsonNode r;
    try {
      r = MAPPER.readTree(report.toFile());
    } catch (IOException e) {
      return m; // not a report of ours: nothing to compare with
    }
    if (r == null || !"fit".equals(r.path("command").asText()) || !r.hasNonNull("runId")) return m;
    String reportRun = r.get("runId").asText();
    if (!reportRun.equals(m.runId())) {
      throw new ModelFormatException(file + " (run " + m.runId() + ") and " + report + " (run " + reportRun
          + ") come from different runs of 'topicnmf fit': copy the model and report of one run together,"
          + " or fit again");
    }
    return m;
  }

  /** Overwrites {@code target}'s fields with {@code source}'s, recursing into objects both have. */
  private static void merge(ObjectNode target, ObjectNode source) {
    source.fields().forEachRemaining(e -> {
      JsonNode t = target.get(e.getKey());
      if (t instanceof ObjectNode to && e.getValue() instanceof ObjectNode so) {
        merge(to, so);
      } else {
        target.set(e.getKey(), e.getValue());
      }
    });
  }

  private static String formatOf(Path file) {
    try {
      var node = readTree(file);
      return node != null && node.has("format") ? node.get("format").asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static void check(SavedModel m, Path file) throws ModelFormatException {
    String where = file + ": ";
    if (!SavedModel.FORMAT.equals(m.format())) {
      throw new ModelFormatException(where + "format is '" + m.format() + "', expected " + SavedModel.FORMAT
          + " (is this a model.json written by 'topicnmf fit'?)");
    }
    if (m.terms() == null || m.idf() == null || m.h() == null || m.h().data() == null) {
      throw new ModelFormatException(where + "no " + (m.terms() == null ? "terms" : m.idf() == null ? "idf" : "H")
          + " (is this a model.json written by 'topicnmf fit'?)");
    }
    int cols = m.terms().size();
    if (cols == 0) throw new ModelFormatException(where + "the model has no terms");
    if (m.idf().size() != cols) {
      throw new ModelFormatException(where + m.terms().size() + " terms but " + m.idf().size() + " idf values");
    }
    Set<String> seen = new HashSet<>();
    for (String t : m.terms()) {
      if (t == null || !seen.add(t)) throw new ModelFormatException(where + "term '" + t + "' is missing or repeated");
    }
    for (Double v : m.idf()) {
      if (v == null || !(v >= 0) || v.isInfinite()) throw new ModelFormatException(where + "idf value " + v + " is not finite and >= 0");
    }
    SavedModel.SparseRows h = m.h();
    if (h.cols() != cols || h.rows() < 1 || h.data().size() != h.rows()) {
      throw new ModelFormatException(where + "H is " + h.rows() + "x" + h.cols() + " with " + h.data().size()
          + " rows stored, expected k x " + cols + " (one row per topic, one column per term)");
    }
    if (h.rows() != m.options().nmf().k()) {
      throw new ModelFormatException(where + "H has " + h.rows() + " topics but the options say k = " + m.options().nmf().k());
    }
    checkRows(h, "H", cols, where);
    if (m.topics().size() != h.rows()) {
      throw new ModelFormatException(where + m.topics().size() + " topics listed but H has " + h.rows() + " rows");
    }
    TopicReduction.Reduction r = m.reduction();
    if (r != null && (r.members().size() != h.rows() || r.nodes().size() != h.rows()
        || r.merges().size() != r.fromK() - h.rows())) {
      throw new ModelFormatException(where + "the reduction lists " + r.members().size() + " topics and "
          + r.merges().size() + " merges from " + r.fromK() + " topics; expected " + h.rows() + " topics and "
          + (r.fromK() - h.rows()) + " merges");
    }
    SavedModel.SparseRows c = m.centroids();
    if (c != null) {
      if (c.rows() != h.rows() || c.cols() != cols || c.data().size() != c.rows()) {
        throw new ModelFormatException(where + "the centroids are " + c.rows() + "x" + c.cols() + " with "
            + c.data().size() + " rows stored, expected " + h.rows() + " x " + cols + " (one row per topic)");
      }
      checkRows(c, "the centroids", cols, where);
    }
    List<Integer> of = m.clusterOfTopic();
    if (of != null) {
      if (of.size() != h.rows()) {
        throw new ModelFormatException(where + "clusterOfTopic has " + of.size() + " entries, expected "
            + h.rows() + " (one per topic)");
      }
      for (int t = 0; t < of.size(); t++) {
        Integer to = of.get(t);
        if (to == null || to < 0 || to >= h.rows() || of.get(to) == null || of.get(to).intValue() != to) {
          throw new ModelFormatException(where + "clusterOfTopic[" + t + "] is " + to
              + ", expected a topic in [0, " + h.rows() + ") whose own entry is itself");
        }
      }
    }
    Double power = m.centroidTfPower();
    if (power != null && !(power > 0 && power <= 1)) {
      throw new ModelFormatException(where + "centroidTfPower " + power + " is not in (0, 1]");
    }
  }

  private static void checkRows(SavedModel.SparseRows h, String name, int cols, String where)
      throws ModelFormatException {
    List<SavedModel.SparseRows.Row> rows = h.data();
    for (int t = 0; t < rows.size(); t++) {
      SavedModel.SparseRows.Row r = rows.get(t);
      if (r == null || r.indices() == null || r.values() == null || r.indices().length != r.values().length) {
        throw new ModelFormatException(where + "row " + t + " of " + name + " needs as many indices as values");
      }
      int prev = -1;
      for (int p = 0; p < r.indices().length; p++) {
        int j = r.indices()[p];
        double v = r.values()[p];
        if (j <= prev || j >= cols) {
          throw new ModelFormatException(where + "row " + t + " of " + name + ": index " + j + " is not increasing within [0, " + cols + ")");
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new ModelFormatException(where + "row " + t + " of " + name + ": value " + v + " is not finite and >= 0");
        }
        prev = j;
      }
    }
  }
}
