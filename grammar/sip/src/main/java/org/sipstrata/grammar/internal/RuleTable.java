package org.sipstrata.grammar.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The map from generated ANTLR rule names back to ABNF rule names and the sections that define
 * them, read from the {@code SipParser.rules.tsv} that the emitter writes beside the grammar.
 */
public final class RuleTable {

  /** An ABNF rule and where it is defined, e.g. {@code RFC 3261 §25.1}. */
  public record AbnfRule(String antlrName, String abnfName, String section) {
    /** The ABNF name interned: tree nodes carry it, and readers compare names by identity first. */
    public AbnfRule {
      abnfName = abnfName.intern();
    }
  }

  private static final String RESOURCE = "antlr/SipParser.rules.tsv";
  private static final Pattern SECTION_URL =
      Pattern.compile("rfc(\\d+)(?:\\.txt)?#(?:section|appendix)-([0-9A-Za-z.]+)");

  private static final RuleTable INSTANCE = load();

  private final Map<String, AbnfRule> byAntlrName;
  private final Map<String, AbnfRule> byAbnfName;

  private RuleTable(Map<String, AbnfRule> byAntlrName, Set<String> shownAsAnother) {
    this.byAntlrName = Map.copyOf(byAntlrName);
    Map<String, AbnfRule> byAbnf = new HashMap<>();
    // A rule shown under another rule's name (showSplitItemsAsTheirRule) never replaces that rule.
    byAntlrName.values().stream()
        .filter(r -> !shownAsAnother.contains(r.antlrName()))
        .forEach(r -> byAbnf.putIfAbsent(r.abnfName(), r));
    this.byAbnfName = Map.copyOf(byAbnf);
  }

  /** The table of the generated grammar. */
  public static RuleTable get() {
    return INSTANCE;
  }

  /** The ABNF rule a generated rule came from; empty for helper rules such as {@code xEof}. */
  public Optional<AbnfRule> byAntlrName(String antlrName) {
    return Optional.ofNullable(byAntlrName.get(antlrName));
  }

  /** Every ABNF rule name the table knows: the names tree nodes can have. */
  public Set<String> abnfNames() {
    return byAbnfName.keySet();
  }

  /** The generated rule for an ABNF rule name. */
  public Optional<AbnfRule> byAbnfName(String abnfName) {
    return Optional.ofNullable(byAbnfName.get(abnfName));
  }

  private static RuleTable load() {
    try (InputStream in = RuleTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing generated resource " + RESOURCE);
      }
      Map<String, AbnfRule> rules = new HashMap<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", -1);
        if (cols.length < 2 || cols[0].equalsIgnoreCase("antlr")) {
          continue;
        }
        String section = cols.length > 2 ? readableSection(cols[2].trim()) : "";
        rules.put(cols[0], new AbnfRule(cols[0], cols[1], section));
      }
      // The entry wrappers "xEof : x EOF" are listed under x's ABNF name; they are not ABNF rules.
      rules.values().removeIf(r -> r.antlrName().endsWith("Eof")
          && rules.containsKey(r.antlrName().substring(0, r.antlrName().length() - 3)));
      Map<String, AbnfRule> shown = showSplitItemsAsTheirRule(rules);
      Set<String> renamed = new HashSet<>();
      shown.forEach((antlr, r) -> {
        if (!r.abnfName().equals(rules.get(antlr).abnfName())) {
          renamed.add(antlr);
        }
      });
      return new RuleTable(shown, renamed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Overlay change 8 splits the items of list headers by how they end: {@code contact-param-SWS}
   * is a {@code contact-param} without parameters (it ends with RAQUOT's SWS), and so on. A rule
   * named {@code X-SWS} where {@code X} is also a rule is shown as {@code X}, so trees and errors
   * name the RFC's rule. {@link #byAbnfName} keeps returning {@code X} itself.
   */
  private static Map<String, AbnfRule> showSplitItemsAsTheirRule(Map<String, AbnfRule> rules) {
    Set<String> abnfNames = new HashSet<>();
    rules.values().forEach(r -> abnfNames.add(r.abnfName()));
    Map<String, AbnfRule> shown = new HashMap<>();
    for (AbnfRule r : rules.values()) {
      String name = r.abnfName();
      String whole = name.endsWith("-SWS") ? name.substring(0, name.length() - 4) : null;
      shown.put(
          r.antlrName(),
          whole != null && abnfNames.contains(whole)
              ? new AbnfRule(r.antlrName(), whole, r.section())
              : r);
    }
    return shown;
  }

  /** {@code https://www.rfc-editor.org/rfc/rfc3261#section-25.1} becomes {@code RFC 3261 §25.1}. */
  static String readableSection(String section) {
    Matcher m = SECTION_URL.matcher(section);
    if (m.find()) {
      return "RFC " + m.group(1) + " §" + m.group(2);
    }
    return section;
  }
}
