package org.sipstrata.abnf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The deterministic mapping from ABNF rule names to ANTLR parser rule names.
 *
 * <ol>
 *   <li>Split the name at hyphens: {@code Request-Line} → {@code Request}, {@code Line}.
 *   <li>In the first part, lower-case the leading run of upper-case letters ({@code SIP} →
 *       {@code sip}, {@code IPv6reference} → {@code ipv6reference}, {@code absoluteURI} stays).
 *   <li>Upper-case the first letter of every other part and keep the rest as written
 *       ({@code Call-ID} → {@code callID}, {@code SIP-message} → {@code sipMessage}).
 *   <li>A name that is an ANTLR or Java keyword, or that would clash with the generated parser or
 *       the ANTLR runtime (e.g. {@code rule}, {@code parserRule}), gets a trailing {@code _}.
 *   <li>ABNF names that still map to the same name (e.g. {@code a-b} and {@code aB}) are taken in
 *       sorted order of their ABNF spelling: the first keeps the name, the next get {@code _2},
 *       {@code _3}, … (the smallest suffix not taken).
 * </ol>
 */
public final class RuleNames {

  private static final Set<String> RESERVED = Set.of(
      // ANTLR 4 grammar keywords
      "import", "fragment", "lexer", "parser", "grammar", "returns", "locals", "throws", "catch",
      "finally", "mode", "options", "tokens", "channels",
      // Java keywords and literals
      "abstract", "assert", "boolean", "break", "byte", "case", "char", "class", "const",
      "continue", "default", "do", "double", "else", "enum", "extends", "final", "float", "for",
      "goto", "if", "implements", "instanceof", "int", "interface", "long", "native", "new",
      "package", "private", "protected", "public", "return", "short", "static", "strictfp",
      "super", "switch", "synchronized", "this", "throw", "transient", "try", "void", "volatile",
      "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits", "when",
      // names whose generated context class would shadow a runtime class (rule x -> XContext)
      "rule", "parserRule", "ruleContext", "interpreterRule", "ruleContextWithAltNum",
      // zero-argument methods of Parser, Recognizer, ParserRuleContext and Object that a rule
      // method or a context accessor of the same name would clash with
      "reset", "consume", "depth", "isEmpty", "isTrace", "dumpDFA", "matchWildcard",
      "getContext", "getBuildParseTree", "getCurrentToken", "getInputStream", "getTokenStream",
      "getErrorHandler", "getState", "getExpectedTokens", "getRuleInvocationStack", "getPrecedence",
      "getSourceName", "getParseInfo", "getDFAStrings", "getTrimParseTree", "getParseListeners",
      "removeParseListeners", "getNumberOfSyntaxErrors", "getTokenFactory", "getATNWithBypassAlts",
      "getErrorListeners", "getErrorListenerDispatch", "getInterpreter", "removeErrorListeners",
      "getRuleIndexMap", "getTokenTypeMap", "getRuleNames", "getTokenNames", "getVocabulary",
      "getGrammarFileName", "getSerializedATN", "getATN", "getParent", "getPayload", "getText",
      "getRuleIndex", "getStart", "getStop", "getAltNumber", "getSourceInterval", "toStringTree",
      "getChildCount", "removeLastChild", "getInvokingContext", "sempred", "precpred",
      "getClass", "hashCode", "toString", "clone", "finalize", "notify", "notifyAll", "wait");

  private RuleNames() {}

  /** Steps 1–4 for one name, without collision handling. */
  public static String antlrName(String abnfName) {
    String[] parts = abnfName.split("-", -1);
    StringBuilder sb = new StringBuilder();
    String first = parts[0];
    int upper = 0;
    while (upper < first.length() && Character.isUpperCase(first.charAt(upper))) {
      upper++;
    }
    sb.append(first.substring(0, upper).toLowerCase(Locale.ROOT)).append(first.substring(upper));
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty()) {
        continue;
      }
      sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    String name = sb.toString();
    return isReserved(name) ? name + "_" : name;
  }

  /** Whether a name may not be used for a generated rule as it is. */
  public static boolean isReserved(String name) {
    return RESERVED.contains(name);
  }

  /**
   * ANTLR names for all the ABNF names (keys: {@link Rule#key(String)}), unique, avoiding the
   * names in {@code taken}; in the order given.
   */
  public static Map<String, String> assign(List<String> abnfNames, Set<String> taken) {
    Map<String, List<String>> byCandidate = new LinkedHashMap<>();
    Set<String> keys = new HashSet<>();
    for (String n : abnfNames) {
      if (!keys.add(Rule.key(n))) {
        continue;
      }
      byCandidate.computeIfAbsent(antlrName(n), k -> new ArrayList<>()).add(n);
    }
    Set<String> used = new HashSet<>(taken);
    Map<String, String> result = new LinkedHashMap<>();
    List<String> sorted = new ArrayList<>(byCandidate.keySet());
    java.util.Collections.sort(sorted);
    // First every unambiguous candidate, so a suffixed name never takes a plain one.
    for (String candidate : sorted) {
      List<String> names = new ArrayList<>(byCandidate.get(candidate));
      java.util.Collections.sort(names);
      if (!used.contains(candidate)) {
        used.add(candidate);
        result.put(Rule.key(names.get(0)), candidate);
        names.remove(0);
      }
      byCandidate.put(candidate, names);
    }
    for (String candidate : sorted) {
      for (String n : byCandidate.get(candidate)) {
        int i = 2;
        while (used.contains(candidate + "_" + i)) {
          i++;
        }
        used.add(candidate + "_" + i);
        result.put(Rule.key(n), candidate + "_" + i);
      }
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String n : abnfNames) {
      ordered.put(Rule.key(n), result.get(Rule.key(n)));
    }
    return ordered;
  }
}
