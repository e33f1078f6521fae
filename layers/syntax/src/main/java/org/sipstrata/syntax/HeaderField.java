package org.sipstrata.syntax;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.sipstrata.grammar.ParseResult;
import org.sipstrata.grammar.SipGrammar;
import org.sipstrata.syntax.internal.Ascii;
import org.sipstrata.syntax.internal.Grammar;
import org.sipstrata.syntax.internal.HeaderValues;

/**
 * One header field row: {@code field-name: field-value} (RFC 3261 §7.3.1).
 *
 * <p>Three views of the same row:
 * <ul>
 *   <li>{@link #name()} as written (e.g. {@code "v"} or {@code "VIA"});</li>
 *   <li>{@link #value()} with the whitespace around the colon and at the end removed and every
 *       line fold replaced by one SP, as §7.3.1 says folding is read;</li>
 *   <li>{@link #raw()} the exact octets of the row on the wire, from the first octet of the name
 *       through the final CRLF, folding included — what the preserving serializer writes back.</li>
 * </ul>
 *
 * <p>Two rows are {@link #equals equal} when their names denote the same header field
 * ({@link HeaderName#same}) and their unfolded values are identical. The raw octets are not part of
 * equality: {@code Subject   :  lunch} and {@code s: lunch} are the same row.
 */
public final class HeaderField {

  private final String name;
  /** {@link HeaderName#key} of the name, computed once: every lookup compares it. */
  private final String key;
  /** {@link HeaderName#knownId} of the key: -1 for a header HeaderName does not know. */
  private final int knownId;
  /** The unfolded value, computed from {@link #raw} on first use (a benign race: same result). */
  private volatile String value;
  /**
   * The row is {@code bytes[from, to)}: its own array for a row built or copied alone, or a view of
   * the one copy of a framed datagram that all its rows share (never written after framing).
   */
  private final byte[] bytes;
  private final int from;
  private final int to;
  /** Where the value starts in {@link #bytes}: just after the colon. */
  private final int valueStart;
  /** The grammar's parse of the row, computed when first needed (a benign race: same result). */
  private volatile ParseResult parsed;
  /** The typed value of the row and the header it was read as (a benign race: same result). */
  private volatile TypedCache typed;

  private record TypedCache(TypedHeader<?> header, Parsed<?> value) {}

  private HeaderField(String name, String value, byte[] raw, int valueStart) {
    this(name, HeaderName.key(name), value, raw, valueStart);
  }

  private HeaderField(String name, String key, String value, byte[] raw, int valueStart) {
    this(name, key, HeaderName.knownId(key), value, raw, 0, raw.length, valueStart);
  }

  private HeaderField(String name, String key, int knownId, String value, byte[] bytes, int from,
      int to, int valueStart) {
    this.name = name;
    this.key = key;
    this.knownId = knownId;
    if (value != null) {
      // a volatile write costs a fence; a framed row computes its value on first use instead
      this.value = value;
    }
    this.bytes = bytes;
    this.from = from;
    this.to = to;
    this.valueStart = valueStart;
  }

  /**
   * A row of a framed datagram as a view of {@code message[from, to)}, which the framer checked
   * ({@code name} ends at {@code nameEnd}, the colon is at {@code colon}) and never writes again.
   * {@code common} is the {@link HeaderName#spelling} of the name, or null.
   */
  static HeaderField framed(byte[] message, int from, int nameEnd, int colon, int to,
      HeaderName.Spelling common) {
    if (common != null) {
      return new HeaderField(common.name(), common.key(), common.knownId(), null, message, from, to,
          colon + 1);
    }
    String name = new String(message, from, nameEnd - from, StandardCharsets.ISO_8859_1);
    String key = HeaderName.key(name);
    return new HeaderField(name, key, HeaderName.knownId(key), null, message, from, to, colon + 1);
  }

  /**
   * A new row in the preferred form of §7.3.1, {@code name: value CRLF}.
   *
   * @throws IllegalArgumentException if the name is not a token or the value contains CR or LF
   */
  public static HeaderField of(String name, String value) {
    if (!Ascii.isToken(name)) {
      throw new IllegalArgumentException("header name is not a token: \"" + name + "\"");
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("header value contains CR or LF: " + name);
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
    //# implementations should avoid spaces between the field
    //# name and the colon and use a single space (SP) between the colon and
    //# the field-value.
    String trimmed = Ascii.trimLws(value);
    byte[] raw = (name + ": " + trimmed + "\r\n").getBytes(StandardCharsets.UTF_8);
    return new HeaderField(name, trimmed, raw, name.length() + 1);
  }

  /**
   * The row framed from the wire: {@code bytes[from, to)} is one complete {@code message-header} as
   * the framer delimited it — a token name, optional SP/HTAB, a colon, the value with its folds,
   * and the final CRLF. The octets are copied.
   *
   * @throws IllegalArgumentException if the octets are not such a row (the framers check first and
   *     report a {@link SyntaxError} instead)
   */
  public static HeaderField fromWire(byte[] bytes, int from, int to) {
    java.util.Objects.checkFromToIndex(from, to, bytes.length);
    byte[] raw = java.util.Arrays.copyOfRange(bytes, from, to);
    int n = raw.length;
    if (n < 3 || raw[n - 2] != '\r' || raw[n - 1] != '\n') {
      throw new IllegalArgumentException("a message-header row ends with CRLF");
    }
    int nameEnd = 0;
    while (nameEnd < n && Ascii.isTokenChar(raw[nameEnd])) {
      nameEnd++;
    }
    int colon = nameEnd;
    while (colon < n && Ascii.isWsp(raw[colon])) {
      colon++;
    }
    if (nameEnd == 0 || colon >= n || raw[colon] != ':') {
      throw new IllegalArgumentException("not a message-header row: a token name and a colon");
    }
    HeaderName.Spelling common = HeaderName.spelling(raw, 0, nameEnd);
    if (common != null) {
      return new HeaderField(common.name(), common.key(), common.knownId(), null, raw, 0, n,
          colon + 1);
    }
    String name = new String(raw, 0, nameEnd, StandardCharsets.ISO_8859_1);
    return new HeaderField(name, null, raw, colon + 1);
  }

  /** {@link #fromWire(byte[], int, int)} of a whole array. */
  public static HeaderField fromWire(byte[] raw) {
    return fromWire(raw, 0, raw.length);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //# The line
  //# break and the whitespace at the beginning of the next line are
  //# treated as a single SP character.
  private static String unfold(byte[] raw, int from, int to) {
    if (Ascii.indexOf(raw, (byte) '\r', from, to) < 0) {
      // no fold: trim SP / HTAB on the octets (they are never part of a UTF-8 sequence), decode once
      while (from < to && Ascii.isWsp(raw[from])) {
        from++;
      }
      while (to > from && Ascii.isWsp(raw[to - 1])) {
        to--;
      }
      return new String(raw, from, to - from, StandardCharsets.UTF_8);
    }
    byte[] out = new byte[to - from];
    int n = 0;
    int i = from;
    while (i < to) {
      if (raw[i] == '\r' && i + 1 < to && raw[i + 1] == '\n') {
        i += 2;
        while (i < to && Ascii.isWsp(raw[i])) {
          i++;
        }
        out[n++] = ' ';
      } else {
        out[n++] = raw[i++];
      }
    }
    return Ascii.trimLws(new String(out, 0, n, StandardCharsets.UTF_8));
  }

  /** Whether the row's value holds the octet {@code octet} anywhere. */
  boolean valueHolds(byte octet) {
    for (int i = valueStart; i < to; i++) {
      if (bytes[i] == octet) {
        return true;
      }
    }
    return false;
  }

  /** {@link HeaderName#knownId} of this row's header. */
  int knownId() {
    return knownId;
  }

  /** The field name as written, e.g. {@code "l"} or {@code "content-length"}. */
  public String name() {
    return name;
  }

  /** The lower-case canonical name ({@link HeaderName#key}): equal for every spelling of one header. */
  public String key() {
    return key;
  }

  /** The field name in its canonical long form, e.g. {@code "Content-Length"} for {@code "l"}. */
  public String canonicalName() {
    return HeaderName.canonical(name);
  }

  /** The field value, unfolded and trimmed; never null, possibly empty. */
  public String value() {
    String result = value;
    if (result == null) {
      result = unfold(bytes, valueStart, to - 2);
      value = result;
    }
    return result;
  }

  /** The row's octets on the wire, name through final CRLF (a copy). */
  public byte[] raw() {
    return java.util.Arrays.copyOfRange(bytes, from, to);
  }

  /** Line breaks in the raw row: the number of lines it spans. */
  int lineCount() {
    int lines = 0;
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        lines++;
      }
    }
    return lines;
  }

  /**
   * The row parsed by the generated grammar with its own rule of RFC 3261 §25 (the header's rule, or
   * {@code extension-header} for a header RFC 3261 does not define). Parsed on first use, then
   * cached.
   */
  ParseResult parsed() {
    ParseResult result = parsed;
    if (result == null) {
      // in place: the tree's offsets are into the framed octets this row is a view of
      result = SipGrammar.strict().parse(rule(), bytes, from, to - 2, Grammar.UNREAD);
      parsed = result;
    }
    return result;
  }

  /** The grammar's verdict without a tree: 0 unknown, 1 matches, 2 does not (a benign race). */
  private volatile byte verdict;

  /** Whether the row matches its rule of §25 (strict), deciding without a tree where it can. */
  boolean matchesGrammar() {
    ParseResult known = parsed;
    if (known != null) {
      return known.isOk();
    }
    byte v = verdict;
    if (v == 0) {
      v = rowMatches() ? (byte) 1 : (byte) 2;
      verdict = v;
    }
    return v == 1;
  }

  /**
   * The text of the first node named {@code path[k-1]} within the first {@code path[k-2]} … of the
   * row's tree (see {@code SipGrammar.firstText}); empty when the row does not match its rule or
   * has no such node. Uses the cached tree if there is one, and builds none otherwise.
   */
  Optional<String> firstText(String... path) {
    ParseResult known = parsed;
    if (known != null) {
      return Grammar.tree(known).flatMap(tree -> Grammar.firstText(tree, path));
    }
    // a view of a framed datagram: the grammar reads the row where it is, without a copy
    return SipGrammar.strict().firstText(rule(), bytes, from, to - 2, path);
  }

  private boolean rowMatches() {
    return SipGrammar.strict().matches(rule(), bytes, from, to - 2);
  }

  /** The rule of each known header, by {@link HeaderName#knownId}: no lookup by name. */
  private static final org.sipstrata.grammar.EntryRule[] RULE_OF_KNOWN =
      java.util.Arrays.stream(HeaderName.knownKeys()).map(Grammar::ruleForHeader)
          .toArray(org.sipstrata.grammar.EntryRule[]::new);

  /** The row's rule of §25 ({@link Grammar#ruleForHeader}). */
  org.sipstrata.grammar.EntryRule rule() {
    return knownId >= 0 ? RULE_OF_KNOWN[knownId] : Grammar.ruleForHeader(name);
  }

  /**
   * Whether the row matches its rule of RFC 3261 §25; the error is positioned within the row (its
   * first line is line 1). {@link SipMessage#validate()} gives positions in the message.
   */
  public Optional<SyntaxError> grammarError() {
    return parsed() instanceof ParseResult.Failed failed
        ? Optional.of(Grammar.toSyntaxError(failed.error(), SyntaxError.Kind.INVALID_HEADER_FIELD, 1))
        : Optional.empty();
  }

  /** The typed value of this row, read by {@code header} on first use, then cached. */
  @SuppressWarnings("unchecked")
  <T> Parsed<T> typed(TypedHeader<T> header) {
    TypedCache cache = typed;
    if (cache == null || cache.header() != header) {
      cache = new TypedCache(header, header.readUncached(this));
      typed = cache;
    }
    return (Parsed<T>) cache.value();
  }

  void writeRawTo(java.io.ByteArrayOutputStream out) {
    out.write(bytes, from, to - from);
  }

  /**
   * The values of a comma-separated-list row (§7.3): the value split at every comma outside a
   * quoted string and outside {@code <...>}, each part trimmed. A row whose header is not a comma
   * list ({@link HeaderName#isCommaList}) gives its whole value as the only element. An empty value
   * gives an empty list.
   */
  public List<String> values() {
    String text = value();
    if (text.isEmpty()) {
      return List.of();
    }
    if (!HeaderName.isCommaList(name)) {
      return List.of(text);
    }
    return HeaderValues.splitAtCommas(text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeaderField other
        && key.equals(other.key)
        && value().equals(other.value());
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + value().hashCode();
  }

  /** The row as written, without the final CRLF (folds shown as they are). */
  @Override
  public String toString() {
    return new String(bytes, from, to - from - 2, StandardCharsets.UTF_8);
  }
}
