package io.topicnmf.report;

import java.util.List;

/**
 * What a report keeps and adds besides the fit: the documents' metadata fields and their dates.
 * Options of the report, not of the model: {@code fit} and {@code apply} take them alike.
 *
 * @param keepFields the metadata fields kept in {@code documents[].metadata} ({@code
 *     --keep-fields}); null keeps all, an empty list none
 * @param dateField the metadata field holding the documents' dates ({@code --date-field}); null:
 *     the "Date" header of mail when documents have one, else no timeline
 * @param period the period of the timeline ({@code --period}); null: chosen from the span of the
 *     dates ({@link Timeline.Unit#automatic})
 */
public record ReportOptions(List<String> keepFields, String dateField, Timeline.Unit period) {
  /** The metadata field mail dates are read from when no {@code --date-field} is given. */
  public static final String MAIL_DATE = "Date";

  public ReportOptions {
    if (dateField != null && dateField.isBlank()) {
      throw new IllegalArgumentException("--date-field must name a field, got '" + dateField + "'");
    }
    keepFields = keepFields == null ? null : List.copyOf(keepFields);
    if (keepFields != null) {
      for (String f : keepFields) {
        if (f.isBlank()) {
          throw new IllegalArgumentException("--keep-fields must name fields, got an empty name");
        }
      }
    }
  }

  /** Every metadata field kept. */
  public static ReportOptions defaults() {
    return new ReportOptions(null, null, null);
  }

  /**
   * The fields of a {@code --keep-fields} value: "all" (null), "none" (empty) or field names.
   *
   * @throws IllegalArgumentException naming {@code --keep-fields} when "all" or "none" is mixed
   *     with names or a name is empty
   */
  public static List<String> parseKeepFields(List<String> values) {
    if (values.size() == 1 && values.get(0).strip().equalsIgnoreCase("all")) return null;
    if (values.size() == 1 && values.get(0).strip().equalsIgnoreCase("none")) return List.of();
    List<String> out = new java.util.ArrayList<>();
    for (String v : values) {
      String f = v.strip();
      if (f.equalsIgnoreCase("all") || f.equalsIgnoreCase("none")) {
        throw new IllegalArgumentException("--keep-fields " + f + " must be given alone, not with field names");
      }
      if (f.isEmpty()) {
        throw new IllegalArgumentException("--keep-fields must name fields separated by commas, got an empty name");
      }
      out.add(f);
    }
    return out;
  }

  /** Whether the metadata field {@code name} is kept (names compare exactly; mail headers are "Date" and "From"). */
  public boolean keeps(String name) {
    return keepFields == null || keepFields.contains(name);
  }
}
