package org.sipstrata.syntax;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.sipstrata.grammar.ParseResult;
import org.sipstrata.grammar.ParseTree;
import org.sipstrata.syntax.internal.Grammar;
import org.sipstrata.syntax.internal.HeaderTrees;
import org.sipstrata.syntax.internal.ValueScan;

/**
 * A header field of RFC 3261 §20 with the type of its value: the key for
 * {@link SipMessage#get(TypedHeader)}. The value is built from the grammar's parse tree of the row
 * (the header's own rule of §25), when first asked for, and cached in the row.
 *
 * <p>Single-value headers read the first row. Comma-list headers (§7.3.1) have a {@code List} type
 * and concatenate the values of all rows.
 *
 * @param <T> the type of the value
 */
public final class TypedHeader<T> {

  // §20.8, §20.14, §20.16, §20.20, §20.22, §20.39, §20.42: what every transaction needs.
  public static final TypedHeader<List<Via>> VIA = list("Via", HeaderTrees::via);
  public static final TypedHeader<NameAddress> FROM = single("From", HeaderTrees::from);
  public static final TypedHeader<NameAddress> TO = single("To", HeaderTrees::to);
  public static final TypedHeader<String> CALL_ID = text("Call-ID");
  public static final TypedHeader<CSeq> CSEQ = singleWithValue("CSeq", HeaderTrees::cseq, HeaderTrees::cseqInRange);
  public static final TypedHeader<Integer> MAX_FORWARDS =
      singleWithValue("Max-Forwards", HeaderTrees::maxForwards, HeaderTrees::maxForwardsInRange);
  public static final TypedHeader<Long> CONTENT_LENGTH =
      singleWithValue("Content-Length", HeaderTrees::contentLength,
          HeaderTrees::contentLengthInRange);
  public static final TypedHeader<MediaType> CONTENT_TYPE =
      single("Content-Type", HeaderTrees::contentType);
  public static final TypedHeader<Contact> CONTACT = combined("Contact", HeaderTrees::contact);
  public static final TypedHeader<List<NameAddress>> ROUTE = list("Route", HeaderTrees::routes);
  public static final TypedHeader<List<NameAddress>> RECORD_ROUTE =
      list("Record-Route", HeaderTrees::routes);
  public static final TypedHeader<Long> EXPIRES = singleWithValue("Expires", HeaderTrees::deltaSeconds);
  public static final TypedHeader<Long> MIN_EXPIRES =
      singleWithValue("Min-Expires", HeaderTrees::deltaSeconds);
  public static final TypedHeader<List<String>> ALLOW = tokens("Allow", "Method");
  public static final TypedHeader<List<String>> SUPPORTED = tokens("Supported", "option-tag");
  public static final TypedHeader<List<String>> REQUIRE = tokens("Require", "option-tag");
  public static final TypedHeader<List<String>> UNSUPPORTED = tokens("Unsupported", "option-tag");
  public static final TypedHeader<List<String>> PROXY_REQUIRE =
      tokens("Proxy-Require", "option-tag");
  // The rest of §20.
  public static final TypedHeader<List<MediaType>> ACCEPT = list("Accept", HeaderTrees::accept);
  public static final TypedHeader<List<ParameterizedValue>> ACCEPT_ENCODING =
      list("Accept-Encoding", HeaderTrees::acceptValues);
  public static final TypedHeader<List<ParameterizedValue>> ACCEPT_LANGUAGE =
      list("Accept-Language", HeaderTrees::acceptValues);
  public static final TypedHeader<List<InfoValue>> ALERT_INFO =
      list("Alert-Info", HeaderTrees::infos);
  public static final TypedHeader<List<InfoValue>> CALL_INFO = list("Call-Info", HeaderTrees::infos);
  public static final TypedHeader<List<InfoValue>> ERROR_INFO =
      list("Error-Info", HeaderTrees::infos);
  public static final TypedHeader<ParameterizedValue> CONTENT_DISPOSITION =
      single("Content-Disposition", HeaderTrees::contentDisposition);
  public static final TypedHeader<List<String>> CONTENT_ENCODING =
      tokens("Content-Encoding", "content-coding");
  public static final TypedHeader<List<String>> CONTENT_LANGUAGE =
      tokens("Content-Language", "language-tag");
  public static final TypedHeader<List<String>> IN_REPLY_TO = tokens("In-Reply-To", "callid");
  public static final TypedHeader<NameAddress> REPLY_TO = single("Reply-To", HeaderTrees::replyTo);
  public static final TypedHeader<String> DATE = text("Date");
  public static final TypedHeader<String> MIME_VERSION =
      text("MIME-Version");
  public static final TypedHeader<String> ORGANIZATION =
      text("Organization");
  public static final TypedHeader<String> PRIORITY = text("Priority");
  public static final TypedHeader<String> SERVER = text("Server");
  public static final TypedHeader<String> SUBJECT = text("Subject");
  public static final TypedHeader<String> USER_AGENT =
      text("User-Agent");
  public static final TypedHeader<RetryAfter> RETRY_AFTER =
      single("Retry-After", HeaderTrees::retryAfter);
  public static final TypedHeader<Timestamp> TIMESTAMP = singleWithValue("Timestamp", HeaderTrees::timestamp);
  public static final TypedHeader<List<Warning>> WARNING = listWithValue("Warning", HeaderTrees::warnings);
  public static final TypedHeader<AuthValue> AUTHORIZATION =
      single("Authorization", HeaderTrees::auth);
  public static final TypedHeader<AuthValue> PROXY_AUTHORIZATION =
      single("Proxy-Authorization", HeaderTrees::auth);
  public static final TypedHeader<AuthValue> WWW_AUTHENTICATE =
      single("WWW-Authenticate", HeaderTrees::auth);
  public static final TypedHeader<AuthValue> PROXY_AUTHENTICATE =
      single("Proxy-Authenticate", HeaderTrees::auth);
  public static final TypedHeader<Parameters> AUTHENTICATION_INFO =
      single("Authentication-Info", HeaderTrees::authenticationInfo);

  /** Every typed header of RFC 3261 §20, in the order above. */
  public static final List<TypedHeader<?>> ALL = List.of(VIA, FROM, TO, CALL_ID, CSEQ,
      MAX_FORWARDS, CONTENT_LENGTH, CONTENT_TYPE, CONTACT, ROUTE, RECORD_ROUTE, EXPIRES,
      MIN_EXPIRES, ALLOW, SUPPORTED, REQUIRE, UNSUPPORTED, PROXY_REQUIRE, ACCEPT, ACCEPT_ENCODING,
      ACCEPT_LANGUAGE, ALERT_INFO, CALL_INFO, ERROR_INFO, CONTENT_DISPOSITION, CONTENT_ENCODING,
      CONTENT_LANGUAGE, IN_REPLY_TO, REPLY_TO, DATE, MIME_VERSION, ORGANIZATION, PRIORITY, SERVER,
      SUBJECT, USER_AGENT, RETRY_AFTER, TIMESTAMP, WARNING, AUTHORIZATION, PROXY_AUTHORIZATION,
      WWW_AUTHENTICATE, PROXY_AUTHENTICATE, AUTHENTICATION_INFO);

  private enum Shape { SINGLE, LIST, COMBINED }

  /** {@link HeaderValue.Absent} holds nothing, so every header shares one. */
  private static final HeaderValue<?> ABSENT = new HeaderValue.Absent<>();

  private final String name;
  /** {@link HeaderName#key} of the name: rows are matched on their cached key. */
  private final String key;
  private final Shape shape;
  /** Reads the row's tree; the row gives its unfolded value to the readers that use it. */
  private final BiFunction<ParseTree, HeaderField, Parsed<T>> reader;
  /** {@link HeaderName#knownId} of the header: every typed header is one HeaderName knows. */
  private final int knownId;
  /**
   * For a header whose value is read from its text once the row matches its rule: the value, or
   * null where only the tree can say what is wrong (then {@link #reader} runs). Null for headers
   * whose value needs the tree.
   */
  private final Function<String, T> fromText;

  private TypedHeader(String name, Shape shape, BiFunction<ParseTree, HeaderField, Parsed<T>> reader,
      Function<String, T> fromText) {
    this.fromText = fromText;
    this.name = name;
    this.key = HeaderName.key(name);
    this.knownId = HeaderName.knownId(key);
    if (knownId < 0) {
      throw new IllegalStateException(name + " is not a header HeaderName knows");
    }
    this.shape = shape;
    this.reader = reader;
  }

  private static <T> TypedHeader<T> single(String name, Function<ParseTree, Parsed<T>> r) {
    return new TypedHeader<>(name, Shape.SINGLE, (tree, row) -> r.apply(tree), null);
  }

  private static <T> TypedHeader<T> singleWithValue(String name,
      BiFunction<ParseTree, String, Parsed<T>> r) {
    return singleWithValue(name, r, null);
  }

  private static <T> TypedHeader<T> singleWithValue(String name,
      BiFunction<ParseTree, String, Parsed<T>> r, Function<String, T> fromText) {
    return new TypedHeader<>(name, Shape.SINGLE, (tree, row) -> r.apply(tree, row.value()),
        fromText);
  }

  /** A header whose typed value is its text (Call-ID, Subject, …): no tree is needed. */
  private static TypedHeader<String> text(String name) {
    return new TypedHeader<>(name, Shape.SINGLE, (tree, row) -> ok(row.value()), value -> value);
  }

  private static <E> TypedHeader<List<E>> list(String name,
      Function<ParseTree, Parsed<List<E>>> r) {
    return new TypedHeader<>(name, Shape.LIST, (tree, row) -> r.apply(tree), null);
  }

  private static <E> TypedHeader<List<E>> listWithValue(String name,
      BiFunction<ParseTree, String, Parsed<List<E>>> r) {
    return new TypedHeader<>(name, Shape.LIST, (tree, row) -> r.apply(tree, row.value()), null);
  }

  private static <T> TypedHeader<T> combined(String name, Function<ParseTree, Parsed<T>> r) {
    return new TypedHeader<>(name, Shape.COMBINED, (tree, row) -> r.apply(tree), null);
  }

  private static TypedHeader<List<String>> tokens(String name, String rule) {
    Set<String> rules = Set.of(rule);
    return list(name, tree -> HeaderTrees.tokens(tree, rules));
  }

  private static <T> Parsed<T> ok(T value) {
    return new Parsed.Ok<>(value);
  }

  /** The header's long name as RFC 3261 spells it, e.g. {@code Call-ID}. */
  public String name() {
    return name;
  }

  /** Whether several rows (or comma-separated values) are one list value (§7.3.1). */
  public boolean isList() {
    return shape != Shape.SINGLE;
  }

  /**
   * The typed value of one row of this header field; the error's line and column are within the
   * row (its first line is line 1).
   *
   * @throws IllegalArgumentException if the row is another header field
   */
  public Parsed<T> read(HeaderField row) {
    if (!row.key().equals(key)) {
      throw new IllegalArgumentException(row.name() + " is not " + name);
    }
    return row.typed(this);
  }

  /**
   * Parses a value as written after {@code Name: } (positions are within the value), with the
   * default {@link SyntaxLimits#maxNestingDepth()} and {@link SyntaxLimits#maxValuesPerHeader()}.
   */
  public Parsed<T> parseValue(CharSequence value) {
    String text = value.toString();
    if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
      return new Parsed.Failed<>(new SyntaxError(SyntaxError.Kind.INVALID_HEADER_FIELD, 1,
          1 + Math.max(text.indexOf('\r'), text.indexOf('\n')), name, "7.3.1", "",
          "a header value given alone has no line breaks"));
    }
    byte[] octets = text.getBytes(StandardCharsets.UTF_8);
    ValueScan.Counts counts = ValueScan.scanValue(octets, 0, octets.length,
        SyntaxLimits.DEFAULT_MAX_NESTING_DEPTH);
    if (counts.tooDeepAt() >= 0) {
      return new Parsed.Failed<>(new SyntaxError(SyntaxError.Kind.NESTING_TOO_DEEP, 1,
          counts.tooDeepAt() + 1, "comment", "25.1", "", "comments nest deeper than the limit of "
              + SyntaxLimits.DEFAULT_MAX_NESTING_DEPTH));
    }
    if (counts.values() > SyntaxLimits.DEFAULT_MAX_VALUES_PER_HEADER) {
      return new Parsed.Failed<>(new SyntaxError(SyntaxError.Kind.TOO_MANY_VALUES, 1, 1, name,
          "7.3.1", "", "the value has " + counts.values() + " comma-separated values, over the"
              + " limit of " + SyntaxLimits.DEFAULT_MAX_VALUES_PER_HEADER));
    }
    return HeaderField.of(name, text).typed(this);
  }

  /** Reads a row: its grammar parse (cached in the row), then the tree. */
  Parsed<T> readUncached(HeaderField row) {
    if (fromText != null && row.matchesGrammar()) {
      T value = fromText.apply(row.value());
      if (value != null) {
        return new Parsed.Ok<>(value);
      }
    }
    ParseResult parsed = row.parsed();
    return switch (parsed) {
      case ParseResult.Failed failed -> new Parsed.Failed<>(
          Grammar.toSyntaxError(failed.error(), SyntaxError.Kind.INVALID_HEADER_FIELD, 1));
      case ParseResult.Ok ok -> reader.apply(ok.tree(), row);
    };
  }

  /** Whether rows that match their rule are read from their text rather than from a tree. */
  boolean readsText() {
    return fromText != null;
  }

  /** The row read from its tree alone, as rows whose text says nothing are: for the tests. */
  Parsed<T> readFromTree(HeaderField row) {
    return switch (row.parsed()) {
      case ParseResult.Failed failed -> new Parsed.Failed<>(
          Grammar.toSyntaxError(failed.error(), SyntaxError.Kind.INVALID_HEADER_FIELD, 1));
      case ParseResult.Ok ok -> reader.apply(ok.tree(), row);
    };
  }

  /** The row read from the tree with every node, which the layer does not build: for the tests. */
  Parsed<T> readFromWholeTree(HeaderField row) {
    byte[] raw = row.raw();
    return switch (Grammar.parseWholeRow(row.name(), java.util.Arrays.copyOf(raw, raw.length - 2))) {
      case ParseResult.Failed failed -> new Parsed.Failed<>(
          Grammar.toSyntaxError(failed.error(), SyntaxError.Kind.INVALID_HEADER_FIELD, 1));
      case ParseResult.Ok ok -> reader.apply(ok.tree(), row);
    };
  }

  /** The value in a message: see {@link HeaderValue}. */
  HeaderValue<T> in(SipMessage message) {
    if (!message.headers().has(knownId)) {
      @SuppressWarnings("unchecked")
      HeaderValue<T> absent = (HeaderValue<T>) ABSENT;
      return absent;
    }
    List<HeaderField> rows = message.headers().all();
    boolean found = false;
    List<Object> items = null;
    List<NameAddress> contacts = null;
    boolean wildcard = false;
    // a message has a few rows: a scan costs less than an index of them
    for (int index = 0; index < rows.size(); index++) {
      HeaderField row = rows.get(index);
      if (row.knownId() != knownId) {
        continue;
      }
      found = true;
      Parsed<T> p = row.typed(this);
      if (p instanceof Parsed.Failed<T> failed) {
        SyntaxError e = failed.error();
        int line = 2;
        for (int before = 0; before < index; before++) {
          line += rows.get(before).lineCount();
        }
        return new HeaderValue.Malformed<>(new SyntaxError(e.kind(), line + e.line() - 1,
            e.column(), e.rule(), e.rfcSection(), e.found(), e.detail()));
      }
      T value = p.toOptional().orElseThrow();
      switch (shape) {
        case SINGLE -> {
          return new HeaderValue.Valid<>(value);
        }
        case LIST -> {
          if (items == null) {
            items = new ArrayList<>();
          }
          items.addAll((List<?>) value);
        }
        case COMBINED -> {
          Contact c = (Contact) value;
          wildcard |= c.wildcard();
          if (contacts == null) {
            contacts = new ArrayList<>();
          }
          contacts.addAll(c.addresses());
        }
      }
    }
    if (!found) {
      @SuppressWarnings("unchecked")
      HeaderValue<T> absent = (HeaderValue<T>) ABSENT;
      return absent;
    }
    @SuppressWarnings("unchecked")
    T result = shape == Shape.COMBINED
        ? (T) new Contact(wildcard, contacts == null ? List.of() : contacts)
        : (T) (items == null ? List.of() : List.copyOf(items));
    return new HeaderValue.Valid<>(result);
  }

  @Override
  public String toString() {
    return name;
  }
}
