package io.topicnmf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields an output file writes that its JSON schema does not declare. The schemas leave
 * additional properties open (readers ignore fields they do not know), so validation alone would
 * never notice a new field the schema, and so README (ReadmeCompletenessTest), forgot.
 */
final class SchemaFields {
  private SchemaFields() {}

  /** The fields of {@code doc} that the schema docs/{@code schemaName} does not declare. */
  static Set<String> undeclared(JsonNode doc, String schemaName) throws java.io.IOException {
    return undeclared(doc, new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        java.nio.file.Path.of("docs", schemaName).toFile()));
  }

  /** The paths ({@code .options.corpus.limits}) of the fields in {@code doc} that {@code schema} does not declare. */
  static Set<String> undeclared(JsonNode doc, JsonNode schema) {
    Set<String> out = new TreeSet<>();
    walk(doc, List.of(schema), schema, "", out);
    return out;
  }

  private static void walk(JsonNode doc, List<JsonNode> schemas, JsonNode root, String path, Set<String> out) {
    List<JsonNode> flat = new ArrayList<>();
    for (JsonNode s : schemas) flatten(s, root, flat);
    if (doc.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        List<JsonNode> sub = new ArrayList<>();
        boolean open = false;
        for (JsonNode s : flat) {
          JsonNode p = s.path("properties").get(e.getKey());
          if (p != null) sub.add(p);
          JsonNode extra = s.get("additionalProperties");
          if (extra != null && extra.isObject()) {
            sub.add(extra);
            open = true;
          }
        }
        if (sub.isEmpty() && !open) out.add(path + "." + e.getKey());
        else walk(e.getValue(), sub, root, path + "." + e.getKey(), out);
      }
    } else if (doc.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      for (JsonNode s : flat) if (s.get("items") != null && s.get("items").isObject()) items.add(s.get("items"));
      for (JsonNode element : doc) walk(element, items, root, path + "[]", out);
    }
  }

  /** The schema with its $ref followed and its oneOf/anyOf/allOf branches listed beside it. */
  private static void flatten(JsonNode s, JsonNode root, List<JsonNode> into) {
    while (s.has("$ref")) s = root.at(s.get("$ref").asText().substring(1));
    into.add(s);
    for (String k : List.of("oneOf", "anyOf", "allOf")) {
      if (s.get(k) != null) for (JsonNode branch : s.get(k)) flatten(branch, root, into);
    }
  }
}
