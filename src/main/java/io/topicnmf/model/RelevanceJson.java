package io.topicnmf.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;

/**
 * {@link FitOptions#relevance()} in JSON: a number in [0, 1], or the string {@code "auto"} for
 * {@link FitOptions#AUTO_RELEVANCE} (models written before {@code auto} hold a number).
 */
final class RelevanceJson {
  private RelevanceJson() {}

  /** The value as the report's {@code parameters.relevance} and model.json show it. */
  static Object shown(double relevance) {
    return Double.isNaN(relevance) ? "auto" : (Object) relevance;
  }

  static final class Writer extends JsonSerializer<Double> {
    @Override
    public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
      if (v == null || v.isNaN()) {
        g.writeString("auto");
      } else {
        g.writeNumber(v);
      }
    }
  }

  static final class Reader extends JsonDeserializer<Double> {
    @Override
    public Double deserialize(JsonParser jp, DeserializationContext c) throws IOException {
      if (jp.currentToken() == JsonToken.VALUE_STRING) {
        String s = jp.getText().trim();
        if (s.equals("auto")) return FitOptions.AUTO_RELEVANCE;
        return (Double) c.handleWeirdStringValue(Double.class, s, "relevance must be a number in [0, 1] or \"auto\"");
      }
      return jp.getDoubleValue();
    }
  }
}
