package io.topicnmf.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.io.IOException;
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
      JsonNode root = MAPPER.readTree(file.toFile());
      if (root == null || root.isMissingNode()) {
        throw new ModelFormatException(file + " is empty, not a topicnmf model (" + SavedModel.FORMAT
            + "): fit the model again, or name the model.json that 'topicnmf fit' wrote");
      }
      if (!root.isObject()) {
        throw new ModelFormatException(file + " is not a topicnmf model (" + SavedModel.FORMAT
            + "): it holds a JSON " + root.getNodeType().toString().toLowerCase(Locale.ROOT)
            + ", not an object");
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
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ModelFormatException(file + " is not a valid topicnmf model: " + e.getMessage());
    }
    check(m, file);
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
      var node = MAPPER.readTree(file.toFile());
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
    SavedModel.SparseRows c = m.centroids();
    if (c != null) {
      if (c.rows() != h.rows() || c.cols() != cols || c.data().size() != c.rows()) {
        throw new ModelFormatException(where + "the centroids are " + c.rows() + "x" + c.cols() + " with "
            + c.data().size() + " rows stored, expected " + h.rows() + " x " + cols + " (one row per topic)");
      }
      checkRows(c, "the centroids", cols, where);
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
