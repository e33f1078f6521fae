package org.sipstrata.syntax;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Header field names: case-insensitive comparison, the compact forms, and which header fields have
 * a comma-separated-list grammar (RFC 3261 §7.3, §7.3.1, §7.3.3, §20).
 *
 * <p>The long form as spelled in the defining RFC is the <em>canonical</em> name. A name this class
 * does not know (an extension header) is its own canonical name; it is still compared
 * case-insensitively.
 */
public final class HeaderName {

  private HeaderName() {}

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.3
  //# A compact
  //# form MAY be substituted for the longer form of a header field name at
  //# any time without changing the semantics of the message.
  //
  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.3
  //# Implementations MUST accept both the long and short forms
  //# of each header name.
  private static final Map<String, String> LONG_FORM_OF_COMPACT =
      Map.ofEntries(
          //= https://www.rfc-editor.org/rfc/rfc3261#section-20.8
          //# The compact form of the Call-ID header field is i.
          Map.entry("i", "Call-ID"),
          //= https://www.rfc-editor.org/rfc/rfc3261#section-20.10
          //# The compact form of the Contact header field is m (for "moved").
          Map.entry("m", "Contact"),
          //= https://www.rfc-editor.org/rfc/rfc3261#section-20.12
          //# The compact form of the Content-Encoding header field is e.
          Map.entry("e", "Content-Encoding"),
          //= https://www.rfc-editor.org/rfc/rfc3261#section-20.14
          //# The compact form of the header field is l.
          Map.entry("l", "Content-Length"),
          //= https://www.rfc-editor.org/rfc/rfc3261#section-20.15
          //# The compact form of the header field is c.
          Map.entry("c", "Content-Type"),
          //= https://www.rfc-editor.org/rfc/rfc3261#section-20.20
          //# The compact form of the From header field is f.
          Map.entry("f", "From"),
          //= https://www.rfc-editor.org/rfc/rfc3261#section-20.36
          //# The compact form of the Subject header field is s.
          Map.entry("s", "Subject"),
          //= https://www.rfc-editor.org/rfc/rfc3261#section-20.37
          //# The compact form of the Supported header field is k.
          Map.entry("k", "Supported"),
          //= https://www.rfc-editor.org/rfc/rfc3261#section-20.39
          //# The compact form of the To header field is t.
          Map.entry("t", "To"),
          //= https://www.rfc-editor.org/rfc/rfc3261#section-20.42
          //# The compact form of the Via header field is v.
          Map.entry("v", "Via"),
          //= https://www.rfc-editor.org/rfc/rfc3515#section-7
          //# Header Name: Refer-To
          //#
          //# Compact Form: r
          Map.entry("r", "Refer-To"),
          //= https://www.rfc-editor.org/rfc/rfc6665#section-7.3
          //# Header Name:   Allow-Events
          //# Compact Form:  u
          Map.entry("u", "Allow-Events"),
          //= https://www.rfc-editor.org/rfc/rfc6665#section-7.3
          //# Header Name:   Event
          //# Compact Form:  o
          Map.entry("o", "Event"));

  /** The long names this class knows, keyed by lower case, so a lookup can restore the RFC's spelling. */
  private static final Map<String, String> KNOWN_LONG_NAMES = knownLongNames();

  private static Map<String, String> knownLongNames() {
    String[] names = {
      // RFC 3261 §20, the 44 header fields.
      "Accept", "Accept-Encoding", "Accept-Language", "Alert-Info", "Allow", "Authentication-Info",
      "Authorization", "Call-ID", "Call-Info", "Contact", "Content-Disposition", "Content-Encoding",
      "Content-Language", "Content-Length", "Content-Type", "CSeq", "Date", "Error-Info", "Expires",
      "From", "In-Reply-To", "Max-Forwards", "MIME-Version", "Min-Expires", "Organization",
      "Priority", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Require", "Record-Route",
      "Reply-To", "Require", "Retry-After", "Route", "Server", "Subject", "Supported", "Timestamp",
      "To", "Unsupported", "User-Agent", "Via", "Warning", "WWW-Authenticate",
      // Later RFCs whose compact forms are listed above.
      "Refer-To", "Allow-Events", "Event"
    };
    var map = new java.util.HashMap<String, String>();
    for (String name : names) {
      map.put(name.toLowerCase(Locale.ROOT), name);
    }
    return Map.copyOf(map);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3
  //# Specifically, any SIP
  //# header whose grammar is of the form
  //#
  //# header = "header-name" HCOLON header-value *(COMMA header-value)
  //#
  //# allows for combining header fields of the same name into a comma-
  //# separated list.
  //
  // The names below are exactly the rules of RFC 3261 §25 whose right-hand side has that form
  // (Accept, Accept-Encoding, Accept-Language and Allow and Supported wrap it in [ ]), plus
  // Allow-Events of RFC 6665 §8.4. An extension header of unknown grammar is NOT split: splitting
  // a value at a comma it does not treat as a separator (a Date, a Subject) would change it.
  private static final Set<String> COMMA_LIST_HEADERS =
      Set.of(
          "accept", "accept-encoding", "accept-language", "alert-info", "allow", "call-info",
          "contact", "content-encoding", "content-language", "error-info", "in-reply-to",
          "proxy-require", "record-route", "require", "route", "supported", "unsupported", "via",
          "warning", "allow-events");

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //# The exceptions
  //# to this rule are the WWW-Authenticate, Authorization, Proxy-
  //# Authenticate, and Proxy-Authorization header fields.
  private static final Set<String> NEVER_COMBINED =
      Set.of("www-authenticate", "authorization", "proxy-authenticate", "proxy-authorization");

  /**
   * The canonical long name: a compact form is expanded, a known name gets the RFC's spelling, any
   * other name is returned as given.
   */
  public static String canonical(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String expanded = LONG_FORM_OF_COMPACT.get(lower);
    if (expanded != null) {
      return expanded;
    }
    return KNOWN_LONG_NAMES.getOrDefault(lower, name);
  }

  /** The compact form of a header name, or the canonical long name when it has none. */
  public static String compact(String name) {
    String canonical = canonical(name);
    for (var entry : LONG_FORM_OF_COMPACT.entrySet()) {
      if (entry.getValue().equals(canonical)) {
        return entry.getKey();
      }
    }
    return canonical;
  }

  /** Keys of the spellings met most: the long names as the RFCs write them, and the compact forms. */
  private static final Map<String, String> KEY_OF_COMMON_SPELLING = commonSpellings();

  private static Map<String, String> commonSpellings() {
    var map = new java.util.HashMap<String, String>();
    for (String lower : KNOWN_LONG_NAMES.keySet()) {
      map.put(KNOWN_LONG_NAMES.get(lower), lower);
      map.put(lower, lower);
    }
    LONG_FORM_OF_COMPACT.forEach((compact, longName) -> {
      String key = longName.toLowerCase(Locale.ROOT);
      map.put(compact, key);
      map.put(compact.toUpperCase(Locale.ROOT), key);
    });
    return Map.copyOf(map);
  }

  /**
   * A small number for each header this class knows (by its key), so that counting rows per
   * header is an array of counters: {@link #KNOWN_COUNT} of them; -1 for any other header.
   */
  private static final Map<String, Integer> KNOWN_IDS = knownIds();

  /** How many headers {@link #knownId} numbers. */
  static final int KNOWN_COUNT = KNOWN_IDS.size();

  private static Map<String, Integer> knownIds() {
    var ids = new java.util.HashMap<String, Integer>();
    KNOWN_LONG_NAMES.keySet().stream().sorted().forEach(k -> ids.put(k, ids.size()));
    return Map.copyOf(ids);
  }

  /** The keys of the known headers, by {@link #knownId}. */
  static String[] knownKeys() {
    String[] keys = new String[KNOWN_COUNT];
    KNOWN_IDS.forEach((key, id) -> keys[id] = key);
    return keys;
  }

  /** The number of a known header's key (see {@link #KNOWN_IDS}), or -1. */
  static int knownId(String key) {
    Integer id = KNOWN_IDS.get(key);
    return id == null ? -1 : id;
  }

  /** A spelling met on the wire and its key, shared so that framing allocates neither. */
  record Spelling(String name, String key, byte[] octets, int knownId) {}

  /** {@link #KEY_OF_COMMON_SPELLING} as an open-addressing table over the octets of a name. */
  private static final int SPELLING_SLOTS = 512;

  private static final Spelling[] SPELLINGS = spellingTable();

  private static Spelling[] spellingTable() {
    Spelling[] table = new Spelling[SPELLING_SLOTS];
    KEY_OF_COMMON_SPELLING.forEach((name, key) -> {
      byte[] octets = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      String sharedKey = KEY_OF_COMMON_SPELLING.get(canonical(key).toLowerCase(Locale.ROOT));
      int slot = slot(hash(octets, 0, octets.length));
      while (table[slot] != null) {
        slot = (slot + 1) & (table.length - 1);
      }
      String k = sharedKey == null ? key : sharedKey;
      table[slot] = new Spelling(name, k, octets, knownId(k));
    });
    return table;
  }

  private static int hash(byte[] b, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + b[i];
    }
    return h;
  }

  private static int slot(int hash) {
    return (hash ^ (hash >>> 9)) & (SPELLING_SLOTS - 1);
  }

  /** Names are a few octets: a plain loop, which the JIT unrolls, beats any setup. */
  private static boolean sameOctets(byte[] octets, byte[] b, int from, int to) {
    int n = octets.length;
    if (n != to - from) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (octets[i] != b[from + i]) {
        return false;
      }
    }
    return true;
  }

  /** The common spelling written as {@code b[from, to)}, or null for any other name. */
  static Spelling spelling(byte[] b, int from, int to) {
    return spelling(b, from, to, hash(b, from, to));
  }

  /**
   * {@link #spelling(byte[], int, int)} when the caller has computed {@code hash} on its way over
   * the name: {@code h = 31 * h + octet} from 0, octet by octet (signed).
   */
  static Spelling spelling(byte[] b, int from, int to, int hash) {
    int slot = slot(hash);
    for (Spelling s = SPELLINGS[slot]; s != null; s = SPELLINGS[slot]) {
      if (sameOctets(s.octets(), b, from, to)) {
        return s;
      }
      slot = (slot + 1) & (SPELLING_SLOTS - 1);
    }
    return null;
  }

  /** Lower-case canonical name: the key under which two spellings of one header compare equal. */
  public static String key(String name) {
    String common = KEY_OF_COMMON_SPELLING.get(name);
    if (common != null) {
      return common;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.length() == 1) {
      String expanded = LONG_FORM_OF_COMPACT.get(lower);
      if (expanded != null) {
        lower = expanded.toLowerCase(Locale.ROOT);
      }
    }
    // every spelling of a known header gets the one shared key instance
    return KEY_OF_COMMON_SPELLING.getOrDefault(lower, lower);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //# When comparing header fields, field names are always case-
  //# insensitive.
  /** Whether two header names denote the same header field (case-insensitive, compact = long). */
  public static boolean same(String a, String b) {
    return key(a).equals(key(b));
  }

  /** Whether this is one of the header fields of RFC 3261 §20 or of a later RFC listed here. */
  public static boolean isKnown(String name) {
    return KNOWN_LONG_NAMES.containsKey(key(name));
  }

  /** Whether the header's grammar is a comma-separated list (§7.3), so rows may be split and merged. */
  public static boolean isCommaList(String name) {
    return COMMA_LIST_HEADERS.contains(key(name));
  }

  /**
   * Whether rows of this header must never be combined into one row (§7.3.1): the four
   * authentication headers, whose values contain commas that do not separate values.
   */
  public static boolean isNeverCombined(String name) {
    return NEVER_COMBINED.contains(key(name));
  }
}
