package org.sipstrata.grammar.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.AtomTransition;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.sipstrata.grammar.EntryRule;
import org.sipstrata.grammar.ParseTree.Node;
import org.sipstrata.grammar.internal.antlr.SipParser;

/**
 * A second backend for the generated grammar: a lazily built DFA over the ANTLR ATN of {@code
 * SipParser} (the automaton ANTLR generated from the emitted grammar, itself generated from the
 * ABNF), which parses in two linear passes and builds the same tree as {@link Engine}.
 *
 * <p>Why: ANTLR's adaptive prediction costs tens of nanoseconds per octet; the ABNF of RFC 3261
 * is, apart from nested comments, a regular language, which a DFA recognizes with one table load
 * per octet. The DFA is the subset construction over "positions": an ATN state with a consuming
 * transition together with the chain of rule calls that led there (the grammar's rules are
 * expanded at each call site, as a regular language allows). States are built when an input first
 * needs them, under a lock; the hot path reads immutable states without one.
 *
 * <p>The tree: a forward pass runs the DFA and keeps the transition taken at each octet; a
 * backward pass picks one accepting path through the positions (each position of a DFA state
 * knows one predecessor, the first in priority order) and hands the calls and returns of rules on
 * that path (recorded with each transition, only for rules that are tree nodes) to a visitor,
 * last first: the {@link TreeBuilder} makes a node at its start, when its children are already
 * made — one node per call of a rule that the rule table names, exactly the nodes {@link Engine}
 * keeps; the {@link Locator} finds one node without making any. Where the grammar is ambiguous the
 * priority is ANTLR's transition order (first alternative, loops entered before left), which is
 * how ANTLR resolves ambiguities too; the differential tests compare the two backends' trees.
 *
 * <p>Less work where less is asked:
 * <ul>
 *   <li>a verdict alone is the forward pass: each position also records whether its path made a
 *       node the strict grammar's prose rules read ({@link #PROSE_RULE_NODES}), so the accepting
 *       state says whether the tree holds one;</li>
 *   <li>a node whose rule begins with a literal (a {@code tag-param} with {@code "tag"}, read
 *       from the ATN) cannot be where the input lacks the literal: then the verdict is the answer;
 *       where the literal occurs once, the backward pass stops there;</li>
 *   <li>a tree may leave out nodes its reader does not look at (they dissolve into their parent,
 *       as rules that are not nodes do).</li>
 * </ul>
 *
 * <p>What is not handled falls back to {@link Engine} (the caller sees {@link Result#UNSUPPORTED}):
 * a rule nested in itself more than {@link #MAX_SELF_NESTING} times (only {@code comment} is
 * recursive), and any input that would grow the DFAs beyond {@link #MAX_STATES} states in all,
 * which bounds the memory a hostile peer can make this cache take.
 */
public final class AtnDfa {

  /** How often one rule may appear on a chain of calls (nested comments) before falling back. */
  static final int MAX_SELF_NESTING = 8;

  /**
   * DFA states of all entry rules together; beyond this, inputs needing new states fall back to
   * ANTLR. A state takes about 4 KB (measured: positions, transitions, the predecessors and calls of
   * each), so the default bounds the cache near 100 MB; the system property {@code
   * strata.grammar.maxDfaStates} sets another bound (a smaller one costs only speed). The test
   * suites of this module build about 40,000 and raise the bound (see the parent pom).
   */
  static final int MAX_STATES = Integer.getInteger("strata.grammar.maxDfaStates", 25_000);

  /** The states the shared DFAs ({@link #of}) have built, against {@link #MAX_STATES}. */
  private static final Budget SHARED = new Budget(MAX_STATES);

  /** How many states a set of DFAs may still build. */
  private static final class Budget {
    private final AtomicInteger used = new AtomicInteger();
    private final int limit;

    Budget(int limit) {
      this.limit = limit;
    }

    boolean take() {
      if (used.incrementAndGet() > limit) {
        used.decrementAndGet();
        return false;
      }
      return true;
    }
  }

  private final Budget budget;
  /** The DFA of each entry rule by ordinal, published once built. */
  private static final java.util.concurrent.atomic.AtomicReferenceArray<AtnDfa> BY_RULE =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(EntryRule.values().length);
  private static final ATN ATN = SipParser._ATN;
  private static final int[] NO_EVENTS = new int[0];
  /** A return from rule r is the event {@code POP - r}; a call of rule r is the event r. */
  private static final int POP = -1;

  /**
   * Octets that no transition of the rules an entry rule can reach tells apart share a class (e.g.
   * all letters but those some quoted string spells); the tables have one column per class instead
   * of 256, and fewer columns keep the rows the forward pass reads in cache.
   */
  private static int octetClasses(int[] classOf, boolean[] rules) {
    List<Transition> consuming = new ArrayList<>();
    for (ATNState st : SipParser._ATN.states) {
      if (st == null || !rules[st.ruleIndex]) {
        continue;
      }
      for (int i = 0; i < st.getNumberOfTransitions(); i++) {
        if (!st.transition(i).isEpsilon()) {
          consuming.add(st.transition(i));
        }
      }
    }
    Map<java.util.BitSet, Integer> bySignature = new HashMap<>();
    for (int b = 0; b < 256; b++) {
      java.util.BitSet signature = new java.util.BitSet(consuming.size());
      for (int t = 0; t < consuming.size(); t++) {
        if (consuming.get(t).matches(b + 1, 1, 256)) {
          signature.set(t);
        }
      }
      Integer c = bySignature.putIfAbsent(signature, bySignature.size());
      classOf[b] = c == null ? bySignature.size() - 1 : c;
    }
    return bySignature.size();
  }

  /** For each rule of the generated parser, the ABNF rule its calls are nodes of, or null. */
  private static final String[] NODE_NAMES = nodeNames();

  /** The rules whose calls are nodes of each name (the inverse of {@link #NODE_NAMES}). */
  private static final Map<String, int[]> RULES_NAMED = rulesNamed();

  private static Map<String, int[]> rulesNamed() {
    Map<String, int[]> byName = new HashMap<>();
    for (int r = 0; r < NODE_NAMES.length; r++) {
      if (NODE_NAMES[r] != null) {
        int[] known = byName.getOrDefault(NODE_NAMES[r], new int[0]);
        int[] more = Arrays.copyOf(known, known.length + 1);
        more[known.length] = r;
        byName.put(NODE_NAMES[r], more);
      }
    }
    return Map.copyOf(byName);
  }

  /** The outcome of one run; a tree only when one was asked for. */
  public record Result(Kind kind, Node root, boolean watched) {
    public enum Kind { MATCHED, NO_MATCH, UNSUPPORTED }

    static final Result NO_MATCH = new Result(Kind.NO_MATCH, null, false);
    public static final Result UNSUPPORTED = new Result(Kind.UNSUPPORTED, null, false);
    static final Result MATCHED = new Result(Kind.MATCHED, null, false);
  }

  /** Thrown inside construction when an input needs what this backend does not do. */
  private static final class Unsupported extends RuntimeException {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  /** A chain of rule calls: the call site's return state and the called rule. */
  private static final class Ctx {
    final int id;
    final Ctx parent;
    final int followState;
    final int ruleIndex;

    Ctx(int id, Ctx parent, int followState, int ruleIndex) {
      this.id = id;
      this.parent = parent;
      this.followState = followState;
      this.ruleIndex = ruleIndex;
    }
  }

  /** A DFA state: positions in priority order (its transitions are in the tables, by id). */
  private static final class State {
    final int id;
    final int[] positions;
    final int eofIndex;
    /** Whether the accepting path ends at a position whose path made a prose-rule node. */
    final boolean eofProse;

    State(int id, int[] positions, int eofIndex, boolean eofProse) {
      this.id = id;
      this.positions = positions;
      this.eofIndex = eofIndex;
      this.eofProse = eofProse;
    }
  }

  /**
   * The transitions as one flat table for the forward pass, {@code table[state * classes +
   * classOf[octet]]}: 0 not built yet, {@link #DEAD_ENTRY} no match, else the index of the
   * target's row ({@code id * classes}) + 1, so that the next slot is one addition away. One load
   * per octet. Entries are written under the lock and the array is replaced when it grows; a
   * reader that sees 0 (not built, or not visible to it yet) asks under the lock.
   */
  private volatile int[] table;

  /** The transitions themselves, at the same index as {@link #table}, for the backward pass. */
  private volatile Edge[] edgeTable;

  /** {@code Edge.back} of each transition, at the same index: one load less per octet. */
  private volatile int[][] backTable;

  /** The octet classes of this entry rule (see {@link #octetClasses}). */
  private final int[] classOf = new int[256];
  private final int classes;

  private static final int DEAD_ENTRY = -1;

  /** The states by id; replaced when it grows. */
  private volatile State[] byId = new State[64];

  /**
   * A DFA transition. For each position of the target, its predecessor (an index into the source's
   * positions) and the rule calls (rule indexes) and returns ({@link #POP}) on the way.
   */
  private static final class Edge {
    final State target;
    final int[] pred;
    final int[][] events;
    /**
     * What the backward pass reads at position k, in one load: the predecessor {@code pred[k]},
     * with the sign bit set when {@code events[k]} is not empty.
     */
    final int[] back;
    Edge(State target, int[] pred, int[][] events) {
      this.target = target;
      this.pred = pred;
      this.events = events;
      if (pred == null) {
        this.back = null;
      } else {
        this.back = new int[pred.length];
        for (int k = 0; k < pred.length; k++) {
          back[k] = events[k].length > 0 ? pred[k] | HAS_EVENTS : pred[k];
        }
      }
    }
  }

  private static final int HAS_EVENTS = Integer.MIN_VALUE;

  private static final Edge DEAD = new Edge(null, null, null);

  // --- construction state, guarded by "this" ---------------------------------------------------
  private final List<Ctx> contexts = new ArrayList<>();
  private final Map<Long, Ctx> contextByCall = new HashMap<>();
  private final Map<Long, Integer> positionIds = new HashMap<>();
  private final List<ATNState> positionState = new ArrayList<>();
  private final List<Ctx> positionCtx = new ArrayList<>();
  private final List<long[]> positionOctets = new ArrayList<>();
  /**
   * Whether a position's path has made a node of {@link #PROSE_RULE_NODES}: each position of the
   * ATN exists twice, without and with it, so that the forward pass alone knows whether the tree
   * of a match holds such a node (the strict verdict needs no backward pass then).
   */
  private final List<Boolean> positionProse = new ArrayList<>();
  private final Map<Integer, Integer> proseTwin = new HashMap<>();
  private final Map<IntArray, State> states = new HashMap<>();
  /** Equal event lists and predecessor arrays are shared: most transitions repeat a few. */
  private final Map<IntArray, int[]> shared = new HashMap<>();
  private final Ctx root;

  /** The start state and the calls from the entry rule to each of its positions. */
  private final Edge start;

  /**
   * The nodes the grammar's prose rules look at (see {@code SipGrammar}): where one is in the tree,
   * a strict verdict needs the tree. Each DFA state knows whether its accepting path made one.
   */
  public static final Watch PROSE_RULE_NODES = new Watch(Set.of("extension-header",
      "absoluteURI", "bare-absoluteURI", "telephone-subscriber"));

  /** The rules the entry rule can call, directly or not: what its trees can hold. */
  private final boolean[] reachable;

  private final EntryRule entry;

  private AtnDfa(EntryRule entry, Budget budget) {
    this.entry = entry;
    int entryRuleIndex = entryRuleIndex(entry);
    this.budget = budget;
    root = new Ctx(0, null, -1, entryRuleIndex);
    contexts.add(root);
    reachable = reachableRules(entryRuleIndex);
    classes = octetClasses(classOf, reachable);
    table = new int[64 * classes];
    edgeTable = new Edge[64 * classes];
    backTable = new int[64 * classes][];
    start = startEdge();
  }

  private static boolean[] reachableRules(int entryRuleIndex) {
    boolean[] seen = new boolean[SipParser.ruleNames.length];
    java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>(List.of(entryRuleIndex));
    seen[entryRuleIndex] = true;
    while (!work.isEmpty()) {
      int rule = work.pop();
      for (ATNState st : ATN.states) {
        if (st == null || st.ruleIndex != rule) {
          continue;
        }
        for (int i = 0; i < st.getNumberOfTransitions(); i++) {
          if (st.transition(i) instanceof RuleTransition call && !seen[call.ruleIndex]) {
            seen[call.ruleIndex] = true;
            work.push(call.ruleIndex);
          }
        }
      }
    }
    return seen;
  }

  /** Whether a tree of this rule can hold a node {@code watch} names. */
  private boolean canHold(Watch watch) {
    for (int r = 0; r < reachable.length; r++) {
      if (reachable[r] && watch.byRule[r]) {
        return true;
      }
    }
    return false;
  }

  /** The DFA of an entry rule, built on first use; read without a lock once built. */
  public static AtnDfa of(EntryRule rule) {
    AtnDfa dfa = BY_RULE.getAcquire(rule.ordinal());
    return dfa != null ? dfa : built(rule);
  }

  private static synchronized AtnDfa built(EntryRule rule) {
    AtnDfa dfa = BY_RULE.getAcquire(rule.ordinal());
    if (dfa == null) {
      dfa = new AtnDfa(rule, SHARED);
      BY_RULE.setRelease(rule.ordinal(), dfa);
    }
    return dfa;
  }

  /**
   * A DFA of an entry rule with no state beyond its start, not shared with {@link #of}, that may
   * build at most {@code maxStates} states: for tests of what happens while states are built and
   * when the bound is reached.
   */
  public static AtnDfa uncached(EntryRule rule, int maxStates) {
    return new AtnDfa(rule, new Budget(maxStates));
  }

  /** The generated parser's rule {@code <rule>Eof}: the rule, then the end of the input. */
  private static int entryRuleIndex(EntryRule rule) {
    String antlr = RuleTable.get().byAbnfName(rule.abnfName())
        .map(RuleTable.AbnfRule::antlrName).orElseThrow() + "Eof";
    int index = Arrays.asList(SipParser.ruleNames).indexOf(antlr);
    if (index < 0) {
      throw new IllegalStateException("no entry rule " + antlr);
    }
    return index;
  }

  /**
   * Runs the DFA on {@code input[from, to)}: {@code MATCHED} (with the tree if {@code tree}),
   * {@code NO_MATCH}, or {@code UNSUPPORTED} when the caller must ask {@link Engine}.
   */
  public Result run(byte[] input, int from, int to, boolean tree) {
    return run(input, from, to, tree, Watch.NOTHING);
  }

  /**
   * {@link #run(byte[], int, int, boolean)}, noting in the result whether the tree has a node
   * named in {@code watch}.
   */
  public Result run(byte[] input, int from, int to, boolean tree, Watch watch) {
    return run(input, from, to, tree, watch, Watch.NOTHING);
  }

  /**
   * {@link #run(byte[], int, int, boolean, Watch)}, with the nodes of the rules in {@code
   * dissolve} left out of the tree: their children take their place, as for rules that are not
   * nodes at all.
   */
  public Result run(byte[] input, int from, int to, boolean tree, Watch watch, Watch dissolve) {
    int n = to - from;
    Scratch scratch = tree ? Scratch.get() : null;
    int[] path = tree ? scratch.slots(n) : null;
    State end;
    try {
      end = path == null ? accepts(input, from, to) : forward(input, from, to, path);
    } catch (Unsupported u) {
      return Result.UNSUPPORTED;
    }
    if (end == null) {
      return Result.NO_MATCH;
    }
    if (!tree) {
      return Result.MATCHED;
    }
    TreeBuilder builder = new TreeBuilder(watch, dissolve, scratch);
    backward(input, path, end, from, n, builder);
    return new Result(Result.Kind.MATCHED, builder.root(from, to), builder.watched);
  }

  /**
   * A path of {@link #locate} as a level per rule; null {@code levels} when a name repeats, which
   * the backward search does not handle.
   */
  private record CompiledPath(String[] names, byte[] levels, long[][] required) {
    static CompiledPath of(String[] path) {
      byte[] levels = new byte[NODE_NAMES.length];
      long[][] required = new long[0][];
      for (int j = 0; j < path.length; j++) {
        for (int i = 0; i < j; i++) {
          if (path[i].equals(path[j]) || j >= Byte.MAX_VALUE) {
            return new CompiledPath(path.clone(), null, required);
          }
        }
        int[] rules = RULES_NAMED.getOrDefault(path[j], new int[0]);
        for (int r : rules) {
          levels[r] = (byte) (j + 1);
        }
        if (rules.length == 1) {
          long[][] start = requiredStart(rules[0]);
          if (start.length > required.length) {
            required = start;
          }
        }
      }
      return new CompiledPath(path.clone(), levels, required);
    }

    /** Whether {@code path} names the same nodes; call sites pass literals, so mostly by identity. */
    boolean sameAs(String[] path) {
      if (path.length != names.length) {
        return false;
      }
      for (int j = 0; j < path.length; j++) {
        if (path[j] != names[j] && !path[j].equals(names[j])) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * The octet sets that every match of a rule begins with, as far as there is only one way on from
   * its start (a literal such as {@code "tag"} gives {@code [tT] [aA] [gG]}); a node of the rule
   * can only be where the input holds them in a row. Empty when the first octet may already be one
   * of several ways, or the match may be empty.
   */
  public static long[][] requiredStart(int ruleIndex) {
    List<long[]> chain = new ArrayList<>();
    ATNState s = ATN.ruleToStartState[ruleIndex];
    while (chain.size() < 32) {
      Set<Transition> consuming = new java.util.LinkedHashSet<>();
      if (!consumingFrom(s, new ArrayList<>(), consuming, new HashSet<>()) || consuming.size() != 1) {
        break;
      }
      Transition t = consuming.iterator().next();
      long[] octets = new long[4];
      for (int b = 0; b < 256; b++) {
        if (t.matches(b + 1, 1, 256)) {
          octets[b >>> 6] |= 1L << b;
        }
      }
      chain.add(octets);
      s = t.target;
    }
    return chain.toArray(long[][]::new);
  }

  /**
   * The consuming transitions reachable from {@code s} without consuming (calls followed, returns
   * to {@code callers}); false when the end of the outermost rule is reachable, where the match
   * may stop.
   */
  private static boolean consumingFrom(ATNState s, List<ATNState> callers, Set<Transition> out,
      Set<String> visited) {
    StringBuilder key = new StringBuilder().append(s.stateNumber);
    for (ATNState caller : callers) {
      key.append('/').append(caller.stateNumber);
    }
    if (!visited.add(key.toString())) {
      return true;
    }
    if (s instanceof RuleStopState) {
      if (callers.isEmpty()) {
        return false;
      }
      List<ATNState> outer = new ArrayList<>(callers.subList(0, callers.size() - 1));
      return consumingFrom(callers.get(callers.size() - 1), outer, out, visited);
    }
    for (int i = 0; i < s.getNumberOfTransitions(); i++) {
      Transition t = s.transition(i);
      boolean more;
      if (t instanceof RuleTransition call) {
        if (callers.size() > 16) {
          return false;
        }
        List<ATNState> inner = new ArrayList<>(callers);
        inner.add(call.followState);
        more = consumingFrom(call.target, inner, out, visited);
      } else if (t.isEpsilon()) {
        more = consumingFrom(t.target, callers, out, visited);
      } else {
        out.add(t);
        more = true;
      }
      if (!more) {
        return false;
      }
    }
    return true;
  }

  /**
   * The last offset, at most {@code maxStart}, where {@code input[from, to)} holds octets of the
   * sets of {@code required} in a row; -1 if none ({@code to} when nothing is required). The
   * search runs from the end: the parameters located most (tags, branches) come last.
   */
  private static int lastStart(byte[] input, int from, int to, long[][] required, int maxStart) {
    int m = required.length;
    if (m == 0) {
      return to;
    }
    long[] first = required[0];
    outer:
    for (int i = Math.min(to - m, maxStart); i >= from; i--) {
      int b0 = input[i] & 0xFF;
      if ((first[b0 >>> 6] & (1L << b0)) == 0) {
        continue;
      }
      for (int j = 1; j < m; j++) {
        int b = input[i + j] & 0xFF;
        if ((required[j][b >>> 6] & (1L << b)) == 0) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }


  /** The paths this DFA was asked for last, most callers asking for one or two (a benign race). */
  private final CompiledPath[] recentPaths = new CompiledPath[4];

  private CompiledPath compiled(String[] path) {
    CompiledPath[] recent = recentPaths;
    for (CompiledPath c : recent) {
      if (c != null && c.sameAs(path)) {
        return c;
      }
    }
    CompiledPath c = CompiledPath.of(path);
    System.arraycopy(recent, 0, recent, 1, recent.length - 1);
    recent[0] = c;
    return c;
  }

  /**
   * The arrays one run needs, kept per thread: the forward pass's slots and the visitors' stacks
   * would otherwise be most of what a run allocates. A run neither calls another on its thread
   * nor keeps them; arrays grown past what a header needs are not kept.
   */
  private static final class Scratch {
    private static final int KEEP = 4096;
    private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);

    int[] slots = new int[256];
    int[] ends = new int[32];
    int[] firstChild = new int[32];
    long[] saved = new long[32];

    static Scratch get() {
      return OF_THREAD.get();
    }

    int[] slots(int n) {
      if (n <= slots.length) {
        return slots;
      }
      int[] bigger = new int[n];
      if (n <= KEEP) {
        slots = bigger;
      }
      return bigger;
    }
  }

  /** {@link #locate}: the input does not match the rule. */
  public static final long NO_MATCH = -1;
  /** {@link #locate}: ask {@link Engine}. */
  public static final long UNSUPPORTED = -2;
  /** {@link #locate}: a node named in {@code watch} is in the tree; the caller needs the tree. */
  public static final long WATCHED = -3;
  /** {@link #locate}: the input matches, and the path names no node of its tree. */
  public static final long ABSENT = -4;

  /**
   * Where the tree of a match has the first node named {@code path[k-1]} within the first {@code
   * path[k-2]} … within the first {@code path[0]} (document order), without building the tree: its
   * {@code start << 32 | end}, or one of the negative codes above. An empty path asks only whether
   * the input matches (then {@link #ABSENT} means it does).
   */
  public long locate(byte[] input, int from, int to, String[] path, Watch watch) {
    int n = to - from;
    CompiledPath compiled = path.length == 0 ? null : compiled(path);
    if (compiled != null && compiled.levels() == null) {
      return UNSUPPORTED;
    }
    // Whether a watched node is in the tree, the forward pass says by itself for the prose-rule
    // nodes, and no pass is needed where none can be.
    boolean proseKnown = watch == PROSE_RULE_NODES || !watch.canBeIn(this);
    // Where a node of the path must begin with a literal, it can only be where the input holds it.
    int literal = compiled == null ? -1 : lastStart(input, from, to, compiled.required(), to);
    boolean verdictOnly = proseKnown && literal < 0;
    // A one-node path whose literal the input holds once: the node can only begin there, so the
    // backward pass may stop there.
    int stop = 0;
    if (proseKnown && !verdictOnly && compiled != null && compiled.names().length == 1
        && compiled.required().length > 0
        && lastStart(input, from, to, compiled.required(), literal - 1) < 0) {
      stop = literal - from;
    }
    Scratch scratch = verdictOnly ? null : Scratch.get();
    int[] slots = verdictOnly ? null : scratch.slots(n);
    State end;
    try {
      end = verdictOnly ? accepts(input, from, to) : forward(input, from, to, slots);
    } catch (Unsupported u) {
      return UNSUPPORTED;
    }
    if (end == null) {
      return NO_MATCH;
    }
    boolean prose = watch == PROSE_RULE_NODES && end.eofProse;
    if (verdictOnly) {
      return prose ? WATCHED : ABSENT;
    }
    Locator locator = new Locator(compiled == null ? compiled(path) : compiled, watch, scratch);
    backward(input, slots, end, from, n, locator, stop);
    if (prose || locator.watched) {
      return WATCHED;
    }
    return locator.answer();
  }

  /**
   * The DFA's state after {@code input[from, to)} if it accepts there, else null. The same loop as
   * {@link #forward} without keeping the slots: a verdict is most of what is asked, and a test per
   * octet of whether to keep them would cost it.
   */
  private State accepts(byte[] input, int from, int to) {
    if (start == DEAD) {
      throw new Unsupported();
    }
    int[] t = table;
    int row = start.target.id * classes;
    for (int i = from; i < to; i++) {
      int slot = row + classOf[input[i] & 0xFF];
      int x = slot < t.length ? t[slot] : 0;
      if (x <= 0) {
        if (x == DEAD_ENTRY || (x = built(slot, input[i] & 0xFF)) == DEAD_ENTRY) {
          return null;
        }
        t = table;
      }
      row = x - 1;
    }
    State end = state(row / classes);
    return end.eofIndex < 0 ? null : end;
  }

  /**
   * {@link #accepts}, keeping in {@code slots[i - from]} the table slot of the transition taken at
   * octet {@code i}: the backward pass finds the transition's predecessors there ({@link
   * #backTable}).
   */
  private State forward(byte[] input, int from, int to, int[] slots) {
    if (start == DEAD) {
      throw new Unsupported();
    }
    int[] t = table;
    int row = start.target.id * classes;
    for (int i = from; i < to; i++) {
      int slot = row + classOf[input[i] & 0xFF];
      int x = slot < t.length ? t[slot] : 0;
      if (x <= 0) {
        if (x == DEAD_ENTRY || (x = built(slot, input[i] & 0xFF)) == DEAD_ENTRY) {
          return null;
        }
        t = table;
      }
      slots[i - from] = slot;
      if (x - 1 == row) {
        // a self-loop: the row stays, so the octets of a run are looked up independently
        int next;
        while (i + 1 < to && (next = row + classOf[input[i + 1] & 0xFF]) < t.length
            && t[next] == x) {
          slots[++i - from] = next;
        }
      }
      row = x - 1;
    }
    State end = state(row / classes);
    return end.eofIndex < 0 ? null : end;
  }

  /** The table entry of {@code slot} after building its transition on octet {@code b}. */
  private int built(int slot, int b) {
    Edge e = step(state(slot / classes), b);
    return e == DEAD ? DEAD_ENTRY : e.target.id * classes + 1;
  }

  /** The transition at a slot the forward pass took (see {@link #backward} on the race). */
  private Edge edgeAt(int slot, int b) {
    Edge[] et = edgeTable;
    Edge e = slot < et.length ? et[slot] : null;
    return e != null ? e : step(state(slot / classes), b);
  }

  /** The state with this id (the array read is racy only towards "not there yet": then lock). */
  private State state(int id) {
    State[] all = byId;
    State st = id < all.length ? all[id] : null;
    return st != null ? st : lockedState(id);
  }

  private synchronized State lockedState(int id) {
    return byId[id];
  }

  /**
   * The backward pass: one accepting path through the positions, from the end (each position of a
   * DFA state knows its predecessor), handing the rule calls and returns on it to {@code visitor}
   * in reverse input order. {@code slots[i]} is the table slot of the transition taken at octet
   * {@code from + i}.
   */
  private void backward(byte[] input, int[] slots, State end, int from, int n, Visitor visitor) {
    backward(input, slots, end, from, n, visitor, 0);
  }

  /**
   * {@link #backward(byte[], int[], State, int, int, Visitor)} down to offset {@code from + stop}
   * only: the events there and after it.
   */
  private void backward(byte[] input, int[] slots, State end, int from, int n, Visitor visitor,
      int stop) {
    int k = end.eofIndex;
    int[][] bt = backTable;
    for (int i = n; i > 0 && i >= stop; i--) {
      int slot = slots[i - 1];
      // written under the lock and read without it: a racy reader may not see it yet
      int[] backs = slot < bt.length ? bt[slot] : null;
      if (backs == null) {
        backs = step(state(slot / classes), input[from + i - 1] & 0xFF).back;
        bt = backTable;
      }
      int back = backs[k];
      if (back < 0) {
        visitor.replay(edgeAt(slot, input[from + i - 1] & 0xFF).events[k], from + i);
        back &= ~HAS_EVENTS;
      }
      k = back;
    }
    if (stop == 0) {
      visitor.replay(start.events[k], from);
    }
  }

  /** Nodes whose presence {@link #locate} reports instead of a span, as a set of rule indexes. */
  public static final class Watch {
    /** No rule watched. */
    public static final Watch NOTHING = new Watch(Set.of());

    private final boolean[] byRule = new boolean[SipParser.ruleNames.length];
    /** Per entry rule: whether its trees can hold a watched node (computed once). */
    /** Per entry rule: 0 not known yet, 1 no, 2 yes (a benign race: every writer writes the same). */
    private final byte[] canBeIn = new byte[EntryRule.values().length];

    boolean canBeIn(AtnDfa dfa) {
      byte known = canBeIn[dfa.entry.ordinal()];
      if (known == 0) {
        known = dfa.canHold(this) ? (byte) 2 : (byte) 1;
        canBeIn[dfa.entry.ordinal()] = known;
      }
      return known == 2;
    }

    /** The rules named {@code abnfNames} (as tree nodes name them). */
    public Watch(Set<String> abnfNames) {
      for (int i = 0; i < byRule.length; i++) {
        byRule[i] = NODE_NAMES[i] != null && abnfNames.contains(NODE_NAMES[i]);
      }
    }
  }

  /**
   * What the backward pass reports, last event first: a node's return (its end) before its call
   * (its start). Only rules that are tree nodes have events.
   */
  private abstract static class Visitor {
    final void replay(int[] events, int offset) {
      for (int j = events.length - 1; j >= 0; j--) {
        int event = events[j];
        if (event < 0) {
          end(POP - event, offset);
        } else {
          start(event, offset);
        }
      }
    }

    /** The node of {@code rule} ends at {@code offset}; its start comes later in the pass. */
    abstract void end(int rule, int offset);

    /** The node of {@code rule} whose end came last starts at {@code offset}. */
    abstract void start(int rule, int offset);
  }

  /**
   * Finds {@link #locate}'s node while the backward pass meets the nodes in reverse: the last node
   * named {@code path[0]} met is the first in document order, and for each node named {@code
   * path[j]} the answer within it is what its subtree gave for {@code path[j+1]} when it started.
   */
  private static final class Locator extends Visitor {
    /** {@code levels[rule]}: 1 + the level of the path that names the rule, or 0. */
    private final byte[] levels;
    private final int depthOfPath;
    private final boolean[] watch;
    /** For each level: UNSEEN, ABSENT_HERE, or the span of the answer below the latest node met. */
    private final long[] found;
    /** The value {@code found[j + 1]} had outside the open node of level j, per open node. */
    private long[] saved;
    private int[] ends;
    private int depth;
    boolean watched;

    private static final long UNSEEN = -2;
    private static final long ABSENT_HERE = -1;

    Locator(CompiledPath path, Watch watch, Scratch scratch) {
      this.saved = scratch.saved;
      this.ends = scratch.ends;
      this.watch = watch.byRule;
      this.levels = path.levels;
      this.depthOfPath = path.names.length;
      this.found = new long[depthOfPath];
      Arrays.fill(found, UNSEEN);
    }

    private int levelOf(int rule) {
      return levels[rule] - 1;
    }

    @Override
    void end(int rule, int offset) {
      if (depth == ends.length) {
        ends = Arrays.copyOf(ends, depth * 2);
        saved = Arrays.copyOf(saved, depth * 2);
      }
      ends[depth] = offset;
      int level = levelOf(rule);
      if (level >= 0 && level + 1 < depthOfPath) {
        saved[depth] = found[level + 1];
        found[level + 1] = UNSEEN;
      }
      depth++;
    }

    @Override
    void start(int rule, int offset) {
      depth--;
      watched |= watch[rule];
      int level = levelOf(rule);
      if (level < 0) {
        return;
      }
      if (level + 1 == depthOfPath) {
        found[level] = ((long) offset << 32) | ends[depth];
        return;
      }
      long inner = found[level + 1];
      found[level] = inner == UNSEEN ? ABSENT_HERE : inner;
      // a node of this level nested in another keeps what it found for the enclosing one, whose
      // subtree it is part of and precedes everything met before it
      found[level + 1] = inner != UNSEEN ? inner : saved[depth];
    }

    long answer() {
      long a = depthOfPath == 0 ? ABSENT_HERE : found[0];
      return a < 0 ? ABSENT : a;
    }
  }

  // --- the tree ----------------------------------------------------------------------------------

  /**
   * Builds the nodes as the backward pass meets them: a node opens at its end and is made at its
   * start, when its children, finished before it in the pass, wait on one stack in reverse order.
   */
  private static final class TreeBuilder extends Visitor {
    private int[] ends;
    private int[] firstChild;
    private int depth;
    /** Made nodes waiting for their parent (not kept per thread: references into an old array
     * would cost the collector's write barrier on every store). */
    private Node[] done = new Node[16];
    private int doneCount;

    private final boolean[] watch;
    private final boolean[] dissolve;
    boolean watched;

    TreeBuilder(Watch watch, Watch dissolve, Scratch scratch) {
      this.ends = scratch.ends;
      this.firstChild = scratch.firstChild;
      this.watch = watch.byRule;
      this.dissolve = dissolve.byRule;
    }

    @Override
    void end(int rule, int offset) {
      if (depth == ends.length) {
        ends = Arrays.copyOf(ends, depth * 2);
        firstChild = Arrays.copyOf(firstChild, depth * 2);
      }
      ends[depth] = offset;
      firstChild[depth] = doneCount;
      depth++;
    }

    @Override
    void start(int rule, int offset) {
      depth--;
      watched |= watch[rule];
      if (dissolve[rule]) {
        // the children made so far stay on the stack, in the run of the enclosing node
        return;
      }
      int first = firstChild[depth];
      Node node = new Node(NODE_NAMES[rule], offset, ends[depth], children(first, doneCount));
      doneCount = first;
      if (doneCount == done.length) {
        done = Arrays.copyOf(done, doneCount * 2);
      }
      done[doneCount++] = node;
    }

    /**
     * The nodes {@code done[from, to)}, which the pass finished last first, in input order, as
     * the immutable lists {@code Node} keeps without copying.
     */
    private List<Node> children(int from, int to) {
      return switch (to - from) {
        case 0 -> List.of();
        case 1 -> List.of(done[from]);
        case 2 -> List.of(done[from + 1], done[from]);
        // List.of with elements, unlike List.of(array), does not copy an array it was given
        case 3 -> List.of(done[from + 2], done[from + 1], done[from]);
        case 4 -> List.of(done[from + 3], done[from + 2], done[from + 1], done[from]);
        default -> {
          Node[] inOrder = new Node[to - from];
          for (int i = 0; i < inOrder.length; i++) {
            inOrder[i] = done[to - 1 - i];
          }
          yield List.of(inOrder);
        }
      };
    }

    Node root(int from, int to) {
      if (doneCount == 1) {
        return done[0];
      }
      return new Node("", from, to, children(0, doneCount));
    }
  }

  private static String[] nodeNames() {
    String[] names = new String[SipParser.ruleNames.length];
    for (int i = 0; i < names.length; i++) {
      // interned, so that a path of string literals is matched by identity first
      names[i] = RuleTable.get().byAntlrName(SipParser.ruleNames[i])
          .map(r -> r.abnfName().intern()).orElse(null);
    }
    return names;
  }

  // --- construction ------------------------------------------------------------------------------

  private synchronized Edge startEdge() {
    List<int[]> found = new ArrayList<>();
    try {
      closure(ATN.ruleToStartState[root.ruleIndex], root, new IntStack(), new HashSet<>(), found);
    } catch (Unsupported u) {
      return DEAD;
    }
    int[] positions = new int[found.size()];
    int[][] events = new int[found.size()][];
    for (int k = 0; k < positions.length; k++) {
      int[] f = found.get(k);
      positions[k] = callsProse(f, 1) ? withProse(f[0]) : f[0];
      events[k] = share(Arrays.copyOfRange(f, 1, f.length));
    }
    try {
      return new Edge(intern(positions), new int[positions.length], events);
    } catch (Unsupported u) {
      return DEAD;
    }
  }

  private synchronized Edge step(State d, int b) {
    int c = classOf[b];
    Edge known = edgeTable[d.id * classes + c];
    if (known != null) {
      return known;
    }
    List<Integer> targets = new ArrayList<>();
    List<Integer> preds = new ArrayList<>();
    List<int[]> events = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (int k = 0; k < d.positions.length; k++) {
      int p = d.positions[k];
      if (!matches(p, b)) {
        continue;
      }
      List<int[]> found = new ArrayList<>();
      ATNState after = positionState.get(p).transition(0).target;
      closure(after, positionCtx.get(p), new IntStack(), new HashSet<>(), found);
      boolean prose = positionProse.get(p);
      for (int[] f : found) {
        int target = prose || callsProse(f, 1) ? withProse(f[0]) : f[0];
        if (seen.add(target)) {
          targets.add(target);
          preds.add(k);
          events.add(f.length == 1 ? NO_EVENTS : share(Arrays.copyOfRange(f, 1, f.length)));
        }
      }
    }
    Edge e;
    if (targets.isEmpty()) {
      e = DEAD;
    } else {
      int[] positions = targets.stream().mapToInt(Integer::intValue).toArray();
      e = new Edge(intern(positions), share(preds.stream().mapToInt(Integer::intValue).toArray()),
          events.toArray(int[][]::new));
    }
    edgeTable[d.id * classes + c] = e;
    backTable[d.id * classes + c] = e.back;
    table[d.id * classes + c] = e == DEAD ? DEAD_ENTRY : e.target.id * classes + 1;
    return e;
  }

  private State intern(int[] positions) {
    IntArray key = new IntArray(positions);
    State s = states.get(key);
    if (s == null) {
      if (!budget.take()) {
        throw new Unsupported();
      }
      int eof = -1;
      for (int k = 0; k < positions.length; k++) {
        if (isEof(positions[k])) {
          eof = k;
          break;
        }
      }
      s = new State(states.size(), positions, eof, eof >= 0 && positionProse.get(positions[eof]));
      states.put(key, s);
      if (s.id == byId.length) {
        byId = Arrays.copyOf(byId, s.id * 2);
        edgeTable = Arrays.copyOf(edgeTable, s.id * 2 * classes);
        backTable = Arrays.copyOf(backTable, s.id * 2 * classes);
        table = Arrays.copyOf(table, s.id * 2 * classes);
      }
      byId[s.id] = s;
    }
    return s;
  }

  /** The one shared copy of an int array equal to {@code values}. */
  private int[] share(int[] values) {
    return shared.computeIfAbsent(new IntArray(values), IntArray::values);
  }

  /** An int array as a map key, by content. */
  private record IntArray(int[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof IntArray other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }
  }

  private boolean isEof(int p) {
    return positionState.get(p).transition(0) instanceof AtomTransition a && a.label == Token.EOF;
  }

  private boolean matches(int p, int b) {
    return (positionOctets.get(p)[b >>> 6] & (1L << b)) != 0;
  }

  /**
   * Every position reachable from {@code s} in {@code ctx} without consuming an octet, in ANTLR's
   * transition order; each found as {@code [position, events...]}.
   */
  private void closure(ATNState s, Ctx ctx, IntStack events, Set<Long> visited, List<int[]> out) {
    if (!visited.add(((long) s.stateNumber << 32) | ctx.id)) {
      return;
    }
    if (s instanceof RuleStopState) {
      if (ctx.parent != null) {
        boolean node = NODE_NAMES[ctx.ruleIndex] != null;
        if (node) {
          events.push(POP - ctx.ruleIndex);
        }
        closure(ATN.states.get(ctx.followState), ctx.parent, events, visited, out);
        if (node) {
          events.pop();
        }
      }
      return;
    }
    for (int i = 0; i < s.getNumberOfTransitions(); i++) {
      Transition t = s.transition(i);
      if (t instanceof RuleTransition call) {
        Ctx inner = call(ctx, call);
        // Only calls of rules that are tree nodes are events: the others' calls and returns,
        // balanced on every path, would only be replayed to be dissolved.
        boolean node = NODE_NAMES[call.ruleIndex] != null;
        if (node) {
          events.push(call.ruleIndex);
        }
        closure(call.target, inner, events, visited, out);
        if (node) {
          events.pop();
        }
      } else if (t.isEpsilon()) {
        closure(t.target, ctx, events, visited, out);
      } else {
        int[] found = new int[events.size + 1];
        found[0] = position(s, ctx);
        System.arraycopy(events.items, 0, found, 1, events.size);
        out.add(found);
      }
    }
  }

  private Ctx call(Ctx ctx, RuleTransition call) {
    long key = ((long) ctx.id << 32) | call.followState.stateNumber;
    Ctx inner = contextByCall.get(key);
    if (inner == null) {
      int same = 0;
      for (Ctx c = ctx; c != null; c = c.parent) {
        if (c.ruleIndex == call.ruleIndex) {
          same++;
        }
      }
      if (same >= MAX_SELF_NESTING) {
        throw new Unsupported();
      }
      inner = new Ctx(contexts.size(), ctx, call.followState.stateNumber, call.ruleIndex);
      contexts.add(inner);
      contextByCall.put(key, inner);
    }
    return inner;
  }

  private int position(ATNState s, Ctx ctx) {
    long key = ((long) s.stateNumber << 32) | ctx.id;
    Integer id = positionIds.get(key);
    if (id == null) {
      if (s.getNumberOfTransitions() != 1) {
        throw new IllegalStateException("ATN state " + s + " has a consuming transition among others");
      }
      Transition t = s.transition(0);
      long[] octets = new long[4];
      for (int b = 0; b < 256; b++) {
        if (t.matches(b + 1, 1, 256)) {
          octets[b >>> 6] |= 1L << b;
        }
      }
      id = positionState.size();
      positionState.add(s);
      positionCtx.add(ctx);
      positionOctets.add(octets);
      positionProse.add(false);
      positionIds.put(key, id);
    }
    return id;
  }

  /** Position {@code p} (as {@link #position} makes it) on a path that made a prose-rule node. */
  private int withProse(int p) {
    Integer twin = proseTwin.get(p);
    if (twin == null) {
      twin = positionState.size();
      positionState.add(positionState.get(p));
      positionCtx.add(positionCtx.get(p));
      positionOctets.add(positionOctets.get(p));
      positionProse.add(true);
      proseTwin.put(p, twin);
    }
    return twin;
  }

  /** Whether the events call a rule of {@link #PROSE_RULE_NODES}. */
  private static boolean callsProse(int[] found, int from) {
    for (int i = from; i < found.length; i++) {
      if (found[i] >= 0 && PROSE_RULE_NODES.byRule[found[i]]) {
        return true;
      }
    }
    return false;
  }

  /** A growable stack of ints (the events on the current closure path). */
  private static final class IntStack {
    int[] items = new int[16];
    int size;

    void push(int v) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = v;
    }

    void pop() {
      size--;
    }
  }
}
