package io.topicnmf.report;

import io.topicnmf.vectorize.DfLimit;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns option records into plain JSON values (maps, lists, numbers, strings), so every option a
 * record gains shows up in the report without hand-written mapping: enums become lower-case names,
 * paths strings, {@link DfLimit}s their count or share.
 */
public final class Parameters {
  private Parameters() {}

  /** The components of {@code options} (a record) as an ordered map of plain values. */
  public static Map<String, Object> of(Record options) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (RecordComponent c : options.getClass().getRecordComponents()) {
      try {
        m.put(c.getName(), plain(c.getAccessor().invoke(options)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read option " + c.getName(), e);
      }
    }
    return m;
  }

  static Object plain(Object v) {
    if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) return v;
    if (v instanceof Enum<?> e) return e.name().toLowerCase(Locale.ROOT);
    if (v instanceof Path p) return p.toString();
    if (v instanceof DfLimit d) return d.share() ? (Object) d.value() : (Object) (long) d.value();
    if (v instanceof Record r) return of(r);
    if (v instanceof Collection<?> c) {
      List<Object> l = new ArrayList<>(c.size());
      for (Object o : c) l.add(plain(o));
      return l;
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, val) -> out.put(String.valueOf(k), plain(val)));
      return out;
    }
    return v.toString();
  }
}
