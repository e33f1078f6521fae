package org.sipstrata.syntax.internal;

import java.util.Optional;
import org.sipstrata.grammar.EntryRule;
import org.sipstrata.grammar.GrammarError;
import org.sipstrata.grammar.ParseResult;
import org.sipstrata.grammar.ParseTree;
import org.sipstrata.grammar.SipGrammar;
import org.sipstrata.syntax.SyntaxError;

/** The bridge to the generated grammar of RFC 3261 §25 ({@code org.sipstrata.grammar}). */
public final class Grammar {

  private Grammar() {}

  /**
   * The rule a header row must match: its own rule of §25 for a header RFC 3261 defines (long or
   * compact name), {@code extension-header} for any other.
   */
  public static EntryRule ruleForHeader(String name) {
    EntryRule known = KNOWN_RULES.get(name);
    if (known != null) {
      return known;
    }
    EntryRule rule = EntryRule.forHeaderName(name).orElse(EntryRule.EXTENSION_HEADER);
    if (rule != EntryRule.EXTENSION_HEADER && KNOWN_RULES.size() < 1024) {
      // only spellings of known headers, and a bounded number of them (a peer may vary the case)
      KNOWN_RULES.putIfAbsent(name, rule);
    }
    return rule;
  }

  private static final java.util.concurrent.ConcurrentHashMap<String, EntryRule> KNOWN_RULES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The nodes the readers of this layer look at: the rules {@link HeaderTrees}, {@link UriTrees}
   * and the transaction keys name, the first child of a userinfo (the user part), the header
   * nodes of a URI whose children are walked, and the entry rules themselves. Every other node is
   * left out of the trees, which saves making most of them (the labels of a hostname, the octets
   * of an address, the parts of a parameter, …). {@code TreeReadersAgreeTest} checks that every
   * typed value read from such a tree is the one read from the whole tree.
   */
  static final java.util.Set<String> READ = readNodes();

  private static java.util.Set<String> readNodes() {
    java.util.Set<String> read = new java.util.HashSet<>(java.util.Set.of(
        // the transaction keys (MessageChecks) and the token lists (TypedHeader)
        "via-parm", "via-branch", "tag-param", "Method", "option-tag", "content-coding",
        "language-tag", "callid",
        // addresses and URIs (UriTrees)
        "name-addr", "addr-spec", "bare-addr-spec", "display-name", "quoted-string", "SIP-URI",
        "SIPS-URI", "absoluteURI", "bare-SIP-URI", "bare-SIPS-URI", "bare-absoluteURI", "scheme",
        "userinfo", "bare-userinfo", "user", "bare-user", "telephone-subscriber", "password",
        "hostport", "host", "port", "IPv4address", "IPv6reference", "uri-parameters",
        "uri-parameter", "headers", "header", "hname", "hvalue",
        // header values (HeaderTrees)
        "sent-protocol", "protocol-name", "protocol-version", "transport", "sent-by", "via-params",
        "from-spec", "from-param", "to-param", "rplyto-spec", "rplyto-param", "contact-param",
        "contact-params", "route-param", "rec-route", "rr-param", "alert-param", "info",
        "info-param", "error-uri", "generic-param", "retry-param", "delta-seconds", "delay",
        "comment", "media-range", "media-type", "m-type", "m-subtype", "m-parameter",
        "accept-range", "accept-param", "codings", "encoding", "language", "language-range",
        "disp-type", "disp-param", "warning-value", "warn-code", "warn-agent", "warn-text",
        "challenge", "credentials", "digest-response", "dig-resp", "digest-cln", "auth-param",
        "auth-scheme", "other-challenge", "other-response", "ainfo",
        // the nodes the grammar's prose rules read
        "extension-header", "header-name", "header-value"));
    for (org.sipstrata.grammar.EntryRule rule : org.sipstrata.grammar.EntryRule.values()) {
      read.add(rule.abnfName());
    }
    return java.util.Set.copyOf(read);
  }

  /** Every node but the {@link #READ} ones. */
  public static final SipGrammar.Dissolved UNREAD = SipGrammar.Dissolved.allBut(READ);

  /**
   * A header row as written (name, HCOLON, value with its folds; no final CRLF) parsed with every
   * node, as the layer's trees are not ({@link #UNREAD}): what the readers are checked against.
   */
  public static ParseResult parseWholeRow(String name, byte[] rowWithoutCrlf) {
    return SipGrammar.strict().parse(ruleForHeader(name), rowWithoutCrlf);
  }

  /** The text of the first node at the end of {@code path} in a tree, as firstText finds it. */
  public static Optional<String> firstText(ParseTree tree, String... path) {
    Optional<ParseTree.Node> node = Optional.of(tree.root());
    for (String rule : path) {
      node = node.flatMap(n -> ParseTree.first(n, rule));
    }
    return node.map(tree::text);
  }

  /** Parses a start line (with its CRLF) as Request-Line or Status-Line. */
  public static ParseResult parseStartLine(boolean request, byte[] lineWithCrlf) {
    return SipGrammar.strict()
        .parse(request ? EntryRule.REQUEST_LINE : EntryRule.STATUS_LINE, lineWithCrlf);
  }

  /** Whether a whole message matches {@code SIP-message} and the prose rules; no tree needed. */
  public static boolean messageMatches(byte[] message) {
    return SipGrammar.strict().matches(EntryRule.SIP_MESSAGE, message, 0, message.length);
  }

  /** Parses a whole message with the {@code SIP-message} rule and the grammar's prose rules. */
  public static ParseResult parseMessage(byte[] message) {
    return SipGrammar.strict().parse(EntryRule.SIP_MESSAGE, message);
  }

  /** The tree of a successful parse. */
  public static Optional<ParseTree> tree(ParseResult result) {
    return result instanceof ParseResult.Ok ok ? Optional.of(ok.tree()) : Optional.empty();
  }

  /**
   * The grammar's error as a {@link SyntaxError} of this layer, its line moved by {@code firstLine - 1}
   * (the grammar counts from the start of what it was given).
   */
  public static SyntaxError toSyntaxError(
      GrammarError error, SyntaxError.Kind kind, int firstLine) {
    String found = error.found();
    return new SyntaxError(kind, firstLine + error.line() - 1, error.column(), error.expected(),
        error.rfcSection(), escape(found), "in " + error.abnfRule());
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r")
        .replace("\n", "\\n");
  }
}
