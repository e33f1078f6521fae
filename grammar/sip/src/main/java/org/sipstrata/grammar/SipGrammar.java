package org.sipstrata.grammar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sipstrata.grammar.ParseTree.Node;
import org.sipstrata.grammar.internal.AtnDfa;
import org.sipstrata.grammar.internal.Engine;
import org.sipstrata.grammar.internal.Engine.Outcome;
import org.sipstrata.grammar.internal.Positions;

/**
 * The grammar of RFC 3261 §25 (with the overlay of fixes described in the module README) as a
 * parser: every {@link EntryRule} can be parsed on its own, so the syntax layer can parse one header
 * value when it is first asked for, and a strict mode validates a whole message.
 *
 * <p>Strict mode adds the rules that the ABNF alone does not say:
 *
 * <ul>
 *   <li>a header field with a name RFC 3261 defines must match that header's rule, not the catch-all
 *       {@code extension-header} (§7.3.1, §20);
 *   <li>a {@code telephone-subscriber} in a SIP URI must be written with escapes wherever {@code
 *       user} is not enough (§25.1);
 *   <li>a URI with the scheme sip, sips or tel must match SIP-URI, SIPS-URI or RFC 3966's {@code
 *       telephone-uri}, not only absoluteURI.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe. Limits: inputs longer than {@link #MAX_INPUT_OCTETS}
 * are refused, and nesting deeper than the thread's stack allows (e.g. 10,000 "(" in a comment) is
 * reported as a {@link GrammarError}, never thrown.
 */
public final class SipGrammar {

  /** The largest input accepted (1 MiB): far above any SIP message over UDP (RFC 3261 §18.1.1). */
  public static final int MAX_INPUT_OCTETS = 1 << 20;

  private static final SipGrammar STRICT = new SipGrammar(true);
  private static final SipGrammar LENIENT = new SipGrammar(false);

  private final boolean strict;

  private SipGrammar(boolean strict) {
    this.strict = strict;
  }

  /** The grammar plus the prose rules listed above. */
  public static SipGrammar strict() {
    return STRICT;
  }

  /** The ABNF (with its overlay) and nothing else. */
  public static SipGrammar lenient() {
    return LENIENT;
  }

  /** Whether the prose rules are checked. */
  public boolean isStrict() {
    return strict;
  }

  /**
   * Rules whose nodes a reader of the tree does not need (e.g. the labels of a hostname, when the
   * host is read as a whole): {@link #parse(EntryRule, byte[], Dissolved)} leaves them out, which
   * saves making them.
   */
  public static final class Dissolved {
    private static final Dissolved NONE = new Dissolved(java.util.Set.of());

    private final java.util.Set<String> names;
    private final AtnDfa.Watch rules;

    private Dissolved(java.util.Set<String> names) {
      this.names = java.util.Set.copyOf(names);
      this.rules = new AtnDfa.Watch(this.names);
    }

    /** The nodes of these ABNF rules dissolved. */
    public static Dissolved of(java.util.Set<String> abnfNames) {
      return abnfNames.isEmpty() ? NONE : new Dissolved(abnfNames);
    }

    /** The nodes of every rule but these dissolved: for a reader that knows what it reads. */
    public static Dissolved allBut(java.util.Set<String> kept) {
      java.util.Set<String> names = new java.util.HashSet<>(
          org.sipstrata.grammar.internal.RuleTable.get().abnfNames());
      names.removeAll(kept);
      return of(names);
    }

    public java.util.Set<String> names() {
      return names;
    }
  }

  /** Parses all of {@code input} as {@code rule}. */
  public ParseResult parse(EntryRule rule, byte[] input) {
    return parse(rule, input, Dissolved.NONE);
  }

  /**
   * {@link #parse(EntryRule, byte[])}, with the tree as {@link ParseTree#dissolving} would give
   * it: without the nodes of the {@code dissolved} rules.
   */
  public ParseResult parse(EntryRule rule, byte[] input, Dissolved dissolved) {
    if (input.length > MAX_INPUT_OCTETS) {
      return new ParseResult.Failed(rule, tooLong(rule, input));
    }
    AtnDfa.Result fast = AtnDfa.of(rule).run(input, 0, input.length, true,
        strict ? PROSE_RULE_NODES : AtnDfa.Watch.NOTHING, dissolved.rules);
    if (dissolved != Dissolved.NONE && fast.kind() == AtnDfa.Result.Kind.MATCHED && strict
        && fast.watched()) {
      // the prose rules read nodes a dissolved tree may lack: decide on the whole tree
      ParseResult whole = parse(rule, input, Dissolved.NONE);
      return whole instanceof ParseResult.Ok ok
          ? new ParseResult.Ok(rule, ok.tree().dissolving(dissolved.names)) : whole;
    }
    Outcome outcome = fast.kind() == AtnDfa.Result.Kind.MATCHED
        ? new Outcome.Matched(fast.root())
        : Engine.run(rule, input, 0, input.length, true);
    if (outcome instanceof Outcome.Mismatch m) {
      GrammarError error = m.error();
      if (rule == EntryRule.SIP_MESSAGE) {
        error = localize(input).orElse(error);
      }
      return new ParseResult.Failed(rule, error);
    }
    ParseTree tree = new ParseTree(input, ((Outcome.Matched) outcome).root());
    // The DFA noted whether the tree has a node the prose rules look at; ANTLR's tree is walked.
    boolean proseRuleNodes = fast.kind() != AtnDfa.Result.Kind.MATCHED || fast.watched();
    if (strict && proseRuleNodes) {
      Optional<GrammarError> violation = proseRules(tree);
      if (violation.isPresent()) {
        return new ParseResult.Failed(rule, violation.get());
      }
    }
    // ANTLR's tree has every node (the prose rules above read it whole)
    boolean whole = fast.kind() != AtnDfa.Result.Kind.MATCHED && dissolved != Dissolved.NONE;
    return new ParseResult.Ok(rule, whole ? tree.dissolving(dissolved.names) : tree);
  }

  /**
   * Whether {@code input[from, to)} matches {@code rule}: the verdict of {@link #parse}, without a
   * tree where the prose rules do not need one.
   */
  public boolean matches(EntryRule rule, byte[] input, int from, int to) {
    return firstNode(rule, input, from, to, NO_PATH) != AtnDfa.NO_MATCH;
  }

  /**
   * The text of the first node named {@code path[k-1]} within the first {@code path[k-2]} … within
   * the first {@code path[0]} (each in document order) of the tree {@link #parse} would build for
   * {@code input[from, to)}; empty when the input does not match or there is no such node. E.g.
   * {@code firstText(VIA, row, 0, n, "via-parm", "via-branch", "token")} is the branch of the top
   * Via value. Builds no tree where the prose rules do not need one.
   */
  public Optional<String> firstText(EntryRule rule, byte[] input, int from, int to,
      String... path) {
    long span = firstNode(rule, input, from, to, path);
    if (span < 0) {
      return Optional.empty();
    }
    int start = (int) (span >>> 32);
    int end = (int) span;
    return Optional.of(new String(input, start, end - start, StandardCharsets.UTF_8));
  }

  private static final String[] NO_PATH = {};

  /** The nodes the prose rules below look at: where one is, the verdict needs the tree. */
  private static final AtnDfa.Watch PROSE_RULE_NODES = AtnDfa.PROSE_RULE_NODES;

  /** {@link AtnDfa#locate}, falling back to {@link #parse} where that cannot decide. */
  private long firstNode(EntryRule rule, byte[] input, int from, int to, String[] path) {
    if (to - from <= MAX_INPUT_OCTETS) {
      long span = AtnDfa.of(rule).locate(input, from, to, path,
          strict ? PROSE_RULE_NODES : AtnDfa.Watch.NOTHING);
      if (span != AtnDfa.UNSUPPORTED && span != AtnDfa.WATCHED) {
        return span;
      }
    }
    byte[] slice = from == 0 && to == input.length ? input
        : java.util.Arrays.copyOfRange(input, from, to);
    if (!(parse(rule, slice) instanceof ParseResult.Ok ok)) {
      return AtnDfa.NO_MATCH;
    }
    Optional<Node> node = Optional.of(ok.tree().root());
    for (String name : path) {
      node = node.flatMap(n -> ParseTree.first(n, name));
    }
    return node.map(n -> ((long) (n.start() + from) << 32) | (n.end() + from))
        .orElse(AtnDfa.ABSENT);
  }

  /**
   * {@link #parse(EntryRule, byte[], Dissolved)} of {@code input[from, to)} where it lies: a tree
   * the DFA makes holds offsets into {@code input}, which it shares. Any other outcome (an error,
   * a tree the prose rules must read) is that of the octets copied out, so error positions count
   * from {@code from}.
   */
  public ParseResult parse(EntryRule rule, byte[] input, int from, int to, Dissolved dissolved) {
    java.util.Objects.checkFromToIndex(from, to, input.length);
    if (to - from <= MAX_INPUT_OCTETS) {
      AtnDfa.Result fast = AtnDfa.of(rule).run(input, from, to, true,
          strict ? PROSE_RULE_NODES : AtnDfa.Watch.NOTHING, dissolved.rules);
      if (fast.kind() == AtnDfa.Result.Kind.MATCHED && !(strict && fast.watched())) {
        return new ParseResult.Ok(rule, new ParseTree(input, fast.root()));
      }
    }
    return parse(rule, java.util.Arrays.copyOfRange(input, from, to), dissolved);
  }

  /** Parses {@code input}, encoded as UTF-8, as {@code rule}. */
  public ParseResult parse(EntryRule rule, CharSequence input) {
    return parse(rule, input.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The error of {@link #parse}, if any; a match is decided without a tree where it can be. */
  public Optional<GrammarError> validate(EntryRule rule, byte[] input) {
    if (matches(rule, input, 0, input.length)) {
      return Optional.empty();
    }
    return parse(rule, input) instanceof ParseResult.Failed f
        ? Optional.of(f.error())
        : Optional.empty();
  }

  /**
   * Parses the value of a header field, e.g. {@code SIP/2.0/UDP host;branch=z9hG4bK1} for {@link
   * EntryRule#VIA}. The header rules of §25 include the name and HCOLON, so the value is parsed as
   * {@code "<name>: " value}; columns in errors count from the start of the value, and the tree's
   * input includes the prefix.
   *
   * @throws IllegalArgumentException if {@code header} is not a header rule of RFC 3261
   */
  public ParseResult parseHeaderValue(EntryRule header, CharSequence value) {
    if (!header.isKnownHeader()) {
      throw new IllegalArgumentException(header + " is not a header field rule");
    }
    byte[] prefix = (header.headerNames().get(0) + ": ").getBytes(StandardCharsets.US_ASCII);
    byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[prefix.length + text.length];
    System.arraycopy(prefix, 0, input, 0, prefix.length);
    System.arraycopy(text, 0, input, prefix.length, text.length);
    ParseResult result = parse(header, input);
    if (result instanceof ParseResult.Failed f && f.error().line() == 1) {
      GrammarError e = f.error();
      int column = Math.max(1, e.column() - prefix.length);
      return new ParseResult.Failed(
          header,
          new GrammarError(e.line(), column, e.abnfRule(), e.rfcSection(), e.expected(), e.found()));
    }
    return result;
  }

  /**
   * The two backends: the DFA over the generated ATN ({@link AtnDfa}) for speed, and the ANTLR
   * parser ({@link Engine}) for what the DFA does not do and for every error, which it locates and
   * explains. Both accept the same language; their trees are compared by the differential tests.
   * ({@link #parse} does the same, and also asks the DFA which prose-rule nodes the tree holds.)
   */
  private static Outcome run(EntryRule rule, byte[] input, int from, int to, boolean tree) {
    AtnDfa.Result fast = AtnDfa.of(rule).run(input, from, to, tree);
    if (fast.kind() == AtnDfa.Result.Kind.MATCHED) {
      return new Outcome.Matched(fast.root());
    }
    return Engine.run(rule, input, from, to, tree);
  }

  // --- prose rules -----------------------------------------------------------------------------

  private Optional<GrammarError> proseRules(ParseTree tree) {
    List<Node> extensions = new ArrayList<>(0);
    List<Node> absolutes = new ArrayList<>(0);
    List<Node> bareAbsolutes = new ArrayList<>(0);
    List<Node> userinfos = new ArrayList<>(0);
    collectProseRuleNodes(tree.root(), extensions, absolutes, bareAbsolutes, userinfos);
    absolutes.addAll(bareAbsolutes);
    for (Node extension : extensions) {
      Optional<GrammarError> e = knownHeaderAsExtension(tree, extension);
      if (e.isPresent()) {
        return e;
      }
    }
    for (Node absolute : absolutes) {
      Optional<GrammarError> e = sipSchemeAsAbsoluteUri(tree, absolute);
      if (e.isPresent()) {
        return e;
      }
    }
    for (Node userinfo : userinfos) {
      for (Node child : userinfo.children()) {
        if (child.rule().equals("telephone-subscriber")) {
          //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1
          //# Note, however, that any characters allowed there that are not allowed in
          //# the user part of the SIP URI MUST be escaped.
          return Optional.of(
              Positions.error(
                  tree.input(),
                  child.start(),
                  child.end(),
                  "userinfo",
                  "RFC 3261 §25.1",
                  "user (characters of telephone-subscriber that user does not allow MUST be"
                      + " escaped)"));
        }
      }
    }
    return Optional.empty();
  }

  /** The nodes the prose rules look at, each kind in document order, in one walk of the tree. */
  private static void collectProseRuleNodes(
      Node node, List<Node> extensions, List<Node> absolutes, List<Node> bareAbsolutes,
      List<Node> userinfos) {
    switch (node.rule()) {
      case "extension-header" -> extensions.add(node);
      case "absoluteURI" -> absolutes.add(node);
      case "bare-absoluteURI" -> bareAbsolutes.add(node);
      case "userinfo" -> userinfos.add(node);
      default -> { }
    }
    for (Node child : node.children()) {
      collectProseRuleNodes(child, extensions, absolutes, bareAbsolutes, userinfos);
    }
  }

  /**
   * A header named like one RFC 3261 defines, which matched only as {@code extension-header}, is a
   * malformed instance of that header: report what its own rule says. The ABNF's ordered
   * alternatives of message-header would otherwise accept any malformed Via as an extension
   * header; no sentence of RFC 3261 allows that reading, and §20 defines each of these headers by
   * its own rule.
   */
  private Optional<GrammarError> knownHeaderAsExtension(ParseTree tree, Node extension) {
    Optional<Node> name =
        extension.children().stream().filter(c -> c.rule().equals("header-name")).findFirst();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Optional<EntryRule> known = EntryRule.forHeaderName(tree.text(name.get()));
    if (known.isEmpty()) {
      return Optional.empty();
    }
    Outcome own = run(known.get(), tree.input(), extension.start(), extension.end(), false);
    if (own instanceof Outcome.Mismatch m) {
      return Optional.of(tree.root().rule().equals("SIP-message") ? inMessage(m.error()) : m.error());
    }
    return Optional.empty();
  }

  /**
   * A URI with the scheme sip or sips that matched only as absoluteURI (e.g. {@code
   * sip:2001:db8::10}, an IPv6 address without brackets) is a malformed SIP or SIPS URI: report
   * what SIP-URI or SIPS-URI says about it. Likewise a tel URI that is not RFC 3966's {@code
   * telephone-uri} (e.g. {@code tel:7042}, a local number without phone-context).
   */
  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.1
  //# The
  //# formal syntax for a SIP or SIPS URI is presented in Section 25.
  //= https://www.rfc-editor.org/rfc/rfc5118#section-4.2
  //# The IPv6 reference in the R-URI does not contain the
  //# mandated delimiters for an IPv6 reference ("[" and "]").
  private Optional<GrammarError> sipSchemeAsAbsoluteUri(ParseTree tree, Node absolute) {
    String text = tree.text(absolute);
    int colon = text.indexOf(':');
    String scheme = colon < 0 ? "" : text.substring(0, colon);
    EntryRule rule;
    if (scheme.equalsIgnoreCase("sip")) {
      rule = EntryRule.SIP_URI;
    } else if (scheme.equalsIgnoreCase("sips")) {
      rule = EntryRule.SIPS_URI;
    } else if (scheme.equalsIgnoreCase("tel")) {
      //= https://www.rfc-editor.org/rfc/rfc3966#section-3
      //# telephone-uri        = "tel:" telephone-subscriber
      rule = EntryRule.TEL_URI;
    } else {
      return Optional.empty();
    }
    Outcome own = run(rule, tree.input(), absolute.start(), absolute.end(), false);
    if (own instanceof Outcome.Mismatch m) {
      return Optional.of(m.error());
    }
    return Optional.empty();
  }

  // --- locating an error in a message ----------------------------------------------------------

  /**
   * When a whole message fails, the innermost rule ANTLR reports is often the message's header loop.
   * Parsing the start line and each header field with its own rule names the rule that failed
   * (a Via that is not a Via, rather than "expected CRLF in Request").
   */
  private Optional<GrammarError> localize(byte[] input) {
    List<int[]> fields = fields(input);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    int[] startLine = fields.get(0);
    EntryRule first = startsWithIgnoreCase(input, 0, "SIP/") ? EntryRule.STATUS_LINE
        : EntryRule.REQUEST_LINE;
    if (run(first, input, startLine[0], startLine[1] + 2, false)
        instanceof Outcome.Mismatch m) {
      return Optional.of(m.error());
    }
    for (int[] field : fields.subList(1, fields.size())) {
      EntryRule rule = EntryRule.forHeaderName(headerName(input, field[0], field[1]))
          .orElse(EntryRule.EXTENSION_HEADER);
      if (run(rule, input, field[0], field[1], false) instanceof Outcome.Mismatch m) {
        return Optional.of(inMessage(m.error()));
      }
    }
    return Optional.empty();
  }

  /** A header field parsed alone ends where, in the message, its CRLF follows. */
  private static GrammarError inMessage(GrammarError e) {
    String expected = e.expected().replace("end of input", "CRLF");
    return new GrammarError(e.line(), e.column(), e.abnfRule(), e.rfcSection(), expected, e.found());
  }

  /**
   * The start line and the header fields as [start, end) without their CRLF. A CRLF not followed by
   * SP or HTAB ends a field (LWS only ever puts a CRLF before whitespace); an empty line ends the
   * header section.
   */
  private static List<int[]> fields(byte[] in) {
    List<int[]> fields = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i + 1 < in.length) {
      if (in[i] == '\r' && in[i + 1] == '\n') {
        boolean folded = i + 2 < in.length && (in[i + 2] == ' ' || in[i + 2] == '\t');
        if (!folded || fields.isEmpty()) {
          if (i == start && !fields.isEmpty()) {
            return fields;
          }
          fields.add(new int[] {start, i});
          start = i + 2;
          i += 2;
          continue;
        }
      }
      i++;
    }
    return fields;
  }

  private static String headerName(byte[] in, int from, int to) {
    int end = from;
    while (end < to && in[end] != ':' && in[end] != ' ' && in[end] != '\t') {
      end++;
    }
    return new String(in, from, end - from, StandardCharsets.ISO_8859_1);
  }

  private static boolean startsWithIgnoreCase(byte[] in, int from, String prefix) {
    if (in.length - from < prefix.length()) {
      return false;
    }
    return new String(in, from, prefix.length(), StandardCharsets.ISO_8859_1)
        .equalsIgnoreCase(prefix);
  }

  private static GrammarError tooLong(EntryRule rule, byte[] input) {
    return new GrammarError(
        1,
        1,
        rule.abnfName(),
        "RFC 3261 §25.1",
        "at most " + MAX_INPUT_OCTETS + " octets (a limit of this implementation)",
        input.length + " octets");
  }
}
