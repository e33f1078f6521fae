package org.sipstrata.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The header field rows of a message, in the order they were written (immutable).
 *
 * <p>Lookups take any spelling of a name: {@code "Call-ID"}, {@code "call-id"} and {@code "i"}
 * find the same rows (§7.3.1, §7.3.3).
 */
public final class HeaderFields {

  private static final HeaderFields EMPTY = new HeaderFields(List.of());

  private final List<HeaderField> rows;

  private HeaderFields(List<HeaderField> rows) {
    this.rows = rows;
  }

  public static HeaderFields of(List<HeaderField> rows) {
    return rows.isEmpty() ? EMPTY : new HeaderFields(List.copyOf(rows));
  }

  /** The rows a framer collected in {@code rows[0, n)}; the array is handed over, not copied. */
  static HeaderFields framed(HeaderField[] rows, int n) {
    if (n == 0) {
      return EMPTY;
    }
    return new HeaderFields(new FramedRows(rows, n));
  }

  /** {@code rows[0, n)} as an unmodifiable list, without copying the array the framer filled. */
  private static final class FramedRows extends java.util.AbstractList<HeaderField>
      implements java.util.RandomAccess {
    private final HeaderField[] rows;
    private final int n;

    FramedRows(HeaderField[] rows, int n) {
      this.rows = rows;
      this.n = n;
    }

    @Override
    public HeaderField get(int index) {
      java.util.Objects.checkIndex(index, n);
      return rows[index];
    }

    @Override
    public int size() {
      return n;
    }

    // null-hostile like the List.copyOf that HeaderFields.of makes
    @Override
    public int indexOf(Object o) {
      return super.indexOf(java.util.Objects.requireNonNull(o));
    }

    @Override
    public int lastIndexOf(Object o) {
      return super.lastIndexOf(java.util.Objects.requireNonNull(o));
    }

    @Override
    public boolean contains(Object o) {
      return indexOf(o) >= 0;
    }
  }

  public static HeaderFields of(HeaderField... rows) {
    return of(List.of(rows));
  }

  public static HeaderFields empty() {
    return EMPTY;
  }

  /** Every row, in order. */
  public List<HeaderField> all() {
    return rows;
  }


  /** Bit {@code knownId} for each known header with a row; bit 63 once computed (a benign race). */
  private volatile long present;

  private static final long COMPUTED = 1L << 63;

  static {
    if (HeaderName.KNOWN_COUNT >= 63) {
      throw new IllegalStateException("the known headers no longer fit the bits of a long");
    }
  }

  /** Whether a known header (see {@link HeaderName#knownId}) has a row. */
  boolean has(int knownId) {
    long bits = present;
    if (bits == 0) {
      bits = COMPUTED;
      for (int i = 0; i < rows.size(); i++) {
        int id = rows.get(i).knownId();
        if (id >= 0) {
          bits |= 1L << id;
        }
      }
      present = bits;
    }
    return (bits & (1L << knownId)) != 0;
  }

  public int size() {
    return rows.size();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //# The relative order of header field rows with the same field name is important.
  /** The rows of one header field, in order. */
  public List<HeaderField> all(String name) {
    String key = HeaderName.key(name);
    List<HeaderField> found = new ArrayList<>();
    for (HeaderField row : rows) {
      if (row.key().equals(key)) {
        found.add(row);
      }
    }
    return List.copyOf(found);
  }

  /** The first row of a known header (see {@link HeaderName#knownId}). */
  Optional<HeaderField> first(int knownId) {
    for (int i = 0; i < rows.size(); i++) {
      HeaderField row = rows.get(i);
      if (row.knownId() == knownId) {
        return Optional.of(row);
      }
    }
    return Optional.empty();
  }

  public Optional<HeaderField> first(String name) {
    String key = HeaderName.key(name);
    for (HeaderField row : rows) {
      if (row.key().equals(key)) {
        return Optional.of(row);
      }
    }
    return Optional.empty();
  }

  public boolean contains(String name) {
    return first(name).isPresent();
  }

  /** The unfolded value of the first row of this header field. */
  public Optional<String> value(String name) {
    return first(name).map(HeaderField::value);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //# Implementations MUST be able to process multiple header field rows
  //# with the same name in any combination of the single-value-per-line or
  //# comma-separated value forms.
  /**
   * Every value of one header field over all its rows, in order: rows of a comma-list header are
   * split at their top-level commas ({@link HeaderField#values()}), other rows give their whole
   * value.
   */
  public List<String> values(String name) {
    List<String> values = new ArrayList<>();
    for (HeaderField row : all(name)) {
      values.addAll(row.values());
    }
    return List.copyOf(values);
  }

  /** These rows with {@code row} appended at the end. */
  public HeaderFields with(HeaderField row) {
    List<HeaderField> copy = new ArrayList<>(rows);
    copy.add(row);
    return new HeaderFields(List.copyOf(copy));
  }

  /** These rows without any row of the named header field. */
  public HeaderFields without(String name) {
    String key = HeaderName.key(name);
    return of(rows.stream().filter(r -> !r.key().equals(key)).toList());
  }

  /**
   * These rows with the first row of the named header replaced by {@code row} and any later rows
   * of it removed; {@code row} is appended when the header is absent.
   */
  public HeaderFields replacing(String name, HeaderField row) {
    String key = HeaderName.key(name);
    List<HeaderField> copy = new ArrayList<>();
    boolean placed = false;
    for (HeaderField existing : rows) {
      if (existing.key().equals(key)) {
        if (!placed) {
          copy.add(row);
          placed = true;
        }
      } else {
        copy.add(existing);
      }
    }
    if (!placed) {
      copy.add(row);
    }
    return of(copy);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //# It MUST be possible to combine the multiple
  //# header field rows into one "field-name: field-value" pair, without
  //# changing the semantics of the message, by appending each subsequent
  //# field-value to the first, each separated by a comma.
  /**
   * These rows with all rows of a comma-list header combined into one row at the place of the
   * first, its value the values joined by {@code ", "}.
   *
   * @throws IllegalArgumentException for a header whose grammar is not a comma list, and for the
   *     four authentication headers that §7.3.1 says MUST NOT be combined
   */
  public HeaderFields combined(String name) {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
    //# Multiple header
    //# field rows with these names MAY be present in a message, but since
    //# their grammar does not follow the general form listed in Section 7.3,
    //# they MUST NOT be combined into a single header field row.
    if (HeaderName.isNeverCombined(name) || !HeaderName.isCommaList(name)) {
      throw new IllegalArgumentException(
          HeaderName.canonical(name) + " is not a comma-separated list (RFC 3261 §7.3.1)");
    }
    List<HeaderField> same = all(name);
    if (same.size() < 2) {
      return this;
    }
    String joined = String.join(", ", values(name));
    return replacing(name, HeaderField.of(same.get(0).name(), joined));
  }

  /**
   * These rows with every row of a comma-list header split into one row per value, in order, at
   * the place of the first row; the inverse of {@link #combined}.
   *
   * @throws IllegalArgumentException for a header whose grammar is not a comma list
   */
  public HeaderFields separated(String name) {
    if (!HeaderName.isCommaList(name)) {
      throw new IllegalArgumentException(
          HeaderName.canonical(name) + " is not a comma-separated list (RFC 3261 §7.3.1)");
    }
    String key = HeaderName.key(name);
    List<HeaderField> copy = new ArrayList<>();
    boolean placed = false;
    for (HeaderField existing : rows) {
      if (!existing.key().equals(key)) {
        copy.add(existing);
      } else if (!placed) {
        for (String value : values(name)) {
          copy.add(HeaderField.of(existing.name(), value));
        }
        placed = true;
      }
    }
    return of(copy);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeaderFields other && rows.equals(other.rows);
  }

  @Override
  public int hashCode() {
    return rows.hashCode();
  }

  @Override
  public String toString() {
    return rows.toString();
  }
}
