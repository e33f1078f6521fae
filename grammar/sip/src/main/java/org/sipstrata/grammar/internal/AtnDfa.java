package org.sipstrata.grammar.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
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
 * knows one predecessor, the first in priority order); a last pass replays the rule calls and
 * returns on that path (recorded with each transition) as tree nodes — one per call of a rule that
 * the rule table names, exactly the nodes {@link Engine} keeps. Where the grammar is ambiguous the
 * priority is ANTLR's transition order (first alternative, loops entered before left), which is
 * how ANTLR resolves ambiguities too; the differential tests compare the two backends' trees.
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
  private static final Map<EntryRule, AtnDfa> BY_RULE = new EnumMap<>(EntryRule.class);
  private static final ATN ATN = SipParser._ATN;
  private static final int[] NO_EVENTS = new int[0];
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

    State(int id, int[] positions, int eofIndex) {
      this.id = id;
      this.positions = positions;
      this.eofIndex = eofIndex;
    }
  }

  /**
   * The transitions as one flat table for the forward pass, {@code table[state * classes +
   * classOf[octet]]}: 0 not built yet, {@link #DEAD_ENTRY} no match, else the target's id + 1. One
   * load per octet. Entries are written under the lock and the array is replaced when it grows; a
   * reader that sees 0 (not built, or not visible to it yet) asks under the lock.
   */
  private volatile int[] table;

  /** The transitions themselves, at the same index as {@link #table}, for the backward pass. */
  private volatile Edge[] edgeTable;

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

    Edge(State target, int[] pred, int[][] events) {
      this.target = target;
      this.pred = pred;
      this.events = events;
    }
  }

  private static final Edge DEAD = new Edge(null, null, null);

  // --- construction state, guarded by "this" ---------------------------------------------------
  private final List<Ctx> contexts = new ArrayList<>();
  private final Map<Long, Ctx> contextByCall = new HashMap<>();
  private final Map<Long, Integer> positionIds = new HashMap<>();
  private final List<ATNState> positionState = new ArrayList<>();
  private final List<Ctx> positionCtx = new ArrayList<>();
  private final List<long[]> positionOctets = new ArrayList<>();
  private final Map<IntArray, State> states = new HashMap<>();
  /** Equal event lists and predecessor arrays are shared: most transitions repeat a few. */
  private final Map<IntArray, int[]> shared = new HashMap<>();
  private final Ctx root;

  /** The start state and the calls from the entry rule to each of its positions. */
  private final Edge start;

  /** The rules the entry rule can call, directly or not: what its trees can hold. */
  private final boolean[] reachable;

  private AtnDfa(int entryRuleIndex, Budget budget) {
    this.budget = budget;
    root = new Ctx(0, null, -1, entryRuleIndex);
    contexts.add(root);
    reachable = reachableRules(entryRuleIndex);
    classes = octetClasses(classOf, reachable);
    table = new int[64 * classes];
    edgeTable = new Edge[64 * classes];
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

  /** The DFA of an entry rule, built on first use. */
  public static synchronized AtnDfa of(EntryRule rule) {
    AtnDfa dfa = BY_RULE.get(rule);
    if (dfa == null) {
      dfa = new AtnDfa(entryRuleIndex(rule), SHARED);
      BY_RULE.put(rule, dfa);
    }
    return dfa;
  }

  /**
   * A DFA of an entry rule with no state beyond its start, not shared with {@link #of}, that may
   * build at most {@code maxStates} states: for tests of what happens while states are built and
   * when the bound is reached.
   */
  public static AtnDfa uncached(EntryRule rule, int maxStates) {
    return new AtnDfa(entryRuleIndex(rule), new Budget(maxStates));
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
    int n = to - from;
    Edge[] path = tree ? new Edge[n] : null;
    State end;
    try {
      end = forward(input, from, to, path);
    } catch (Unsupported u) {
      return Result.UNSUPPORTED;
    }
    if (end == null) {
      return Result.NO_MATCH;
    }
    if (!tree) {
      return Result.MATCHED;
    }
    TreeBuilder builder = new TreeBuilder(from, watch);
    replay(path, end, from, n, builder);
    return new Result(Result.Kind.MATCHED, builder.root(from, to), builder.watched);
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
    // a verdict alone, where no watched node can be in the tree, needs no backward pass
    boolean verdictOnly = path.length == 0 && !watch.canBeIn(this);
    Edge[] edges = verdictOnly ? null : new Edge[n];
    State end;
    try {
      end = forward(input, from, to, edges);
    } catch (Unsupported u) {
      return UNSUPPORTED;
    }
    if (end == null) {
      return NO_MATCH;
    }
    if (verdictOnly) {
      return ABSENT;
    }
    Locator locator = new Locator(path, watch);
    replay(edges, end, from, n, locator);
    if (locator.watched) {
      return WATCHED;
    }
    return locator.end < 0 ? ABSENT : ((long) locator.start << 32) | locator.end;
  }

  /**
   * The DFA's state after {@code input[from, to)} if it accepts there, else null; the transition
   * taken at each octet goes to {@code path} when one is given.
   */
  private State forward(byte[] input, int from, int to, Edge[] path) {
    if (start == DEAD) {
      throw new Unsupported();
    }
    int[] t = table;
    Edge[] et = path == null ? null : edgeTable;
    int s = start.target.id;
    for (int i = from; i < to; i++) {
      int b = input[i] & 0xFF;
      int slot = s * classes + classOf[b];
      int x = slot < t.length ? t[slot] : 0;
      if (x == 0) {
        Edge e = step(state(s), b);
        t = table;
        et = path == null ? null : edgeTable;
        x = e == DEAD ? DEAD_ENTRY : e.target.id + 1;
      }
      if (x == DEAD_ENTRY) {
        return null;
      }
      if (path != null) {
        // written under the lock, read without it: a racy reader may not see the edge yet
        Edge e = slot < et.length ? et[slot] : null;
        path[i - from] = e != null ? e : step(state(s), b);
      }
      s = x - 1;
    }
    State end = state(s);
    return end.eofIndex < 0 ? null : end;
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
   * The backward pass (one accepting path, from the end) and the replay of its rule calls and
   * returns, in input order. {@code edges[i]} is the transition taken at octet {@code i}.
   */
  private void replay(Edge[] edges, State end, int from, int n, Visitor visitor) {
    // Backward: the chosen position at each octet, keeping only the octets where rules are
    // called or return (most octets sit inside a rule); then forward through those alone.
    int[][] calls = new int[n + 1][];
    int[] at = new int[n + 1];
    int count = 0;
    int k = end.eofIndex;
    for (int i = n; i > 0; i--) {
      Edge e = edges[i - 1];
      int[] events = e.events[k];
      if (events.length > 0) {
        calls[count] = events;
        at[count++] = i;
      }
      k = e.pred[k];
    }
    visitor.replay(start.events[k], from);
    for (int j = count - 1; j >= 0; j--) {
      visitor.replay(calls[j], from + at[j]);
    }
  }

  /** Nodes whose presence {@link #locate} reports instead of a span, as a set of rule indexes. */
  public static final class Watch {
    /** No rule watched. */
    public static final Watch NOTHING = new Watch(Set.of());

    private final boolean[] byRule = new boolean[SipParser.ruleNames.length];
    /** Per entry rule: whether its trees can hold a watched node (computed once). */
    private final java.util.concurrent.ConcurrentHashMap<AtnDfa, Boolean> canBeIn =
        new java.util.concurrent.ConcurrentHashMap<>();

    boolean canBeIn(AtnDfa dfa) {
      return canBeIn.computeIfAbsent(dfa, d -> d.canHold(this));
    }

    /** The rules named {@code abnfNames} (as tree nodes name them). */
    public Watch(Set<String> abnfNames) {
      for (int i = 0; i < byRule.length; i++) {
        byRule[i] = NODE_NAMES[i] != null && abnfNames.contains(NODE_NAMES[i]);
      }
    }
  }

  /** What the replay reports: a rule's call at an offset, and its return at a later one. */
  private abstract static class Visitor {
    final void replay(int[] events, int offset) {
      for (int event : events) {
        if (event == POP) {
          pop(offset);
        } else {
          push(event, NODE_NAMES[event], offset);
        }
      }
    }

    /** A call of a rule; {@code name} is null for a rule that is not a node. */
    abstract void push(int rule, String name, int offset);

    abstract void pop(int offset);
  }

  /** Follows {@link #locate}'s path through the calls, and notes any watched node. */
  private static final class Locator extends Visitor {
    private final String[] path;
    private final boolean[] watch;
    private final int[] openedAt;
    private int depth;
    private int matched;
    private boolean settled;
    int start = -1;
    int end = -1;
    boolean watched;

    Locator(String[] path, Watch watch) {
      this.path = path;
      this.watch = watch.byRule;
      this.openedAt = new int[path.length];
      this.settled = path.length == 0;
    }

    @Override
    void push(int rule, String name, int offset) {
      depth++;
      if (name == null) {
        return;
      }
      if (watch[rule]) {
        watched = true;
      }
      if (!settled && matched < path.length && name.equals(path[matched])) {
        openedAt[matched++] = depth;
        if (matched == path.length) {
          start = offset;
        }
      }
    }

    @Override
    void pop(int offset) {
      if (!settled && matched > 0 && openedAt[matched - 1] == depth) {
        // the innermost node of the path found so far ends: either it is the last one, or the
        // first node of its kind held no node of the next kind, and the answer is "absent"
        if (matched == path.length) {
          end = offset;
        }
        settled = true;
      }
      depth--;
    }
  }

  // --- the tree ----------------------------------------------------------------------------------

  /**
   * Replays calls and returns as nodes. Finished nodes wait on one stack until their parent is
   * finished; a node's children are the run of that stack above where the node began, so a
   * dissolved rule's children simply stay in the run of the node it sits in.
   */
  private static final class TreeBuilder extends Visitor {
    private String[] names = new String[16];
    private int[] starts = new int[16];
    private int[] firstChild = new int[16];
    private int depth;
    private Node[] done = new Node[16];
    private int doneCount;

    private final boolean[] watch;
    boolean watched;

    TreeBuilder(int from, Watch watch) {
      starts[0] = from;
      this.watch = watch.byRule;
    }

    @Override
    void push(int rule, String name, int offset) {
      watched |= watch[rule];
      depth++;
      if (depth == names.length) {
        names = Arrays.copyOf(names, depth * 2);
        starts = Arrays.copyOf(starts, depth * 2);
        firstChild = Arrays.copyOf(firstChild, depth * 2);
      }
      names[depth] = name;
      starts[depth] = offset;
      firstChild[depth] = doneCount;
    }

    @Override
    void pop(int offset) {
      String name = names[depth];
      if (name != null) {
        int first = firstChild[depth];
        Node node = new Node(name, starts[depth], offset, children(first, doneCount));
        doneCount = first;
        if (doneCount == done.length) {
          done = Arrays.copyOf(done, doneCount * 2);
        }
        done[doneCount++] = node;
      }
      depth--;
    }

    private List<Node> children(int from, int to) {
      return switch (to - from) {
        case 0 -> List.of();
        case 1 -> List.of(done[from]);
        case 2 -> List.of(done[from], done[from + 1]);
        default -> List.of(Arrays.copyOfRange(done, from, to));
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
      positions[k] = found.get(k)[0];
      events[k] = share(Arrays.copyOfRange(found.get(k), 1, found.get(k).length));
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
      for (int[] f : found) {
        if (seen.add(f[0])) {
          targets.add(f[0]);
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
    table[d.id * classes + c] = e == DEAD ? DEAD_ENTRY : e.target.id + 1;
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
      s = new State(states.size(), positions, eof);
      states.put(key, s);
      if (s.id == byId.length) {
        byId = Arrays.copyOf(byId, s.id * 2);
        edgeTable = Arrays.copyOf(edgeTable, s.id * 2 * classes);
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
        events.push(POP);
        closure(ATN.states.get(ctx.followState), ctx.parent, events, visited, out);
        events.pop();
      }
      return;
    }
    for (int i = 0; i < s.getNumberOfTransitions(); i++) {
      Transition t = s.transition(i);
      if (t instanceof RuleTransition call) {
        Ctx inner = call(ctx, call);
        events.push(call.ruleIndex);
        closure(call.target, inner, events, visited, out);
        events.pop();
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
      positionIds.put(key, id);
    }
    return id;
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
