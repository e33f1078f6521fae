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

  /** DFA states of all entry rules together; beyond this, inputs needing new states fall back. */
  static final int MAX_STATES = 40_000;

  private static final AtomicInteger TOTAL_STATES = new AtomicInteger();
  private static final Map<EntryRule, AtnDfa> BY_RULE = new EnumMap<>(EntryRule.class);
  private static final ATN ATN = SipParser._ATN;
  private static final int[] NO_EVENTS = new int[0];
  private static final int POP = -1;

  /** For each rule of the generated parser, the ABNF rule its calls are nodes of, or null. */
  private static final String[] NODE_NAMES = nodeNames();

  /** The outcome of one run; a tree only when one was asked for. */
  public record Result(Kind kind, Node root) {
    public enum Kind { MATCHED, NO_MATCH, UNSUPPORTED }

    static final Result NO_MATCH = new Result(Kind.NO_MATCH, null);
    public static final Result UNSUPPORTED = new Result(Kind.UNSUPPORTED, null);
    static final Result MATCHED = new Result(Kind.MATCHED, null);
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

  /** A DFA state: positions in priority order; the transitions found so far, by octet. */
  private static final class State {
    final int[] positions;
    final int eofIndex;
    final Edge[] next = new Edge[256];

    State(int[] positions, int eofIndex) {
      this.positions = positions;
      this.eofIndex = eofIndex;
    }
  }

  /**
   * A DFA transition. For each position of the target, its predecessor (an index into the source's
   * positions) and the rule calls (context ids) and returns ({@link #POP}) on the way.
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
  private final Map<List<Integer>, State> states = new HashMap<>();
  private final Ctx root;

  /** The start state and the calls from the entry rule to each of its positions. */
  private final Edge start;

  private AtnDfa(int entryRuleIndex) {
    root = new Ctx(0, null, -1, entryRuleIndex);
    contexts.add(root);
    start = startEdge();
  }

  /** The DFA of an entry rule, built on first use. */
  public static synchronized AtnDfa of(EntryRule rule) {
    AtnDfa dfa = BY_RULE.get(rule);
    if (dfa == null) {
      String antlr = RuleTable.get().byAbnfName(rule.abnfName())
          .map(RuleTable.AbnfRule::antlrName).orElseThrow() + "Eof";
      int index = Arrays.asList(SipParser.ruleNames).indexOf(antlr);
      if (index < 0) {
        throw new IllegalStateException("no entry rule " + antlr);
      }
      dfa = new AtnDfa(index);
      BY_RULE.put(rule, dfa);
    }
    return dfa;
  }

  /**
   * Runs the DFA on {@code input[from, to)}: {@code MATCHED} (with the tree if {@code tree}),
   * {@code NO_MATCH}, or {@code UNSUPPORTED} when the caller must ask {@link Engine}.
   */
  public Result run(byte[] input, int from, int to, boolean tree) {
    if (start == DEAD) {
      return Result.UNSUPPORTED;
    }
    int n = to - from;
    Edge[] path = tree ? new Edge[n] : null;
    State d = start.target;
    try {
      for (int i = 0; i < n; i++) {
        int b = input[from + i] & 0xFF;
        Edge e = d.next[b];
        if (e == null) {
          e = step(d, b);
        }
        if (e == DEAD) {
          return Result.NO_MATCH;
        }
        if (tree) {
          path[i] = e;
        }
        d = e.target;
      }
    } catch (Unsupported u) {
      return Result.UNSUPPORTED;
    }
    if (d.eofIndex < 0) {
      return Result.NO_MATCH;
    }
    if (!tree) {
      return Result.MATCHED;
    }
    int[] choice = new int[n + 1];
    choice[n] = d.eofIndex;
    for (int i = n; i > 0; i--) {
      choice[i - 1] = path[i - 1].pred[choice[i]];
    }
    TreeBuilder builder = new TreeBuilder(from);
    builder.replay(start.events[choice[0]], from);
    for (int i = 1; i <= n; i++) {
      int[] events = path[i - 1].events[choice[i]];
      if (events.length > 0) {
        builder.replay(events, from + i);
      }
    }
    return new Result(Result.Kind.MATCHED, builder.root(from, to));
  }

  // --- the tree ----------------------------------------------------------------------------------

  /** Replays calls and returns as nodes; a dissolved rule's children go to its nearest node. */
  private static final class TreeBuilder {
    private String[] names = new String[16];
    private int[] starts = new int[16];
    private Object[] kids = new Object[16];
    private int depth;

    TreeBuilder(int from) {
      starts[0] = from;
    }

    void replay(int[] events, int offset) {
      for (int event : events) {
        if (event == POP) {
          pop(offset);
        } else {
          push(NODE_NAMES[event], offset);
        }
      }
    }

    private void push(String name, int offset) {
      depth++;
      if (depth == names.length) {
        names = Arrays.copyOf(names, depth * 2);
        starts = Arrays.copyOf(starts, depth * 2);
        kids = Arrays.copyOf(kids, depth * 2);
      }
      names[depth] = name;
      starts[depth] = offset;
      kids[depth] = null;
    }

    @SuppressWarnings("unchecked")
    private void pop(int offset) {
      String name = names[depth];
      if (name != null) {
        List<Node> children = (List<Node>) kids[depth];
        add(new Node(name, starts[depth], offset, children == null ? List.of() : children));
      }
      depth--;
    }

    /** Adds to the nearest enclosing node (or the root) below the frame being popped. */
    @SuppressWarnings("unchecked")
    private void add(Node node) {
      int owner = depth - 1;
      while (owner > 0 && names[owner] == null) {
        owner--;
      }
      List<Node> list = (List<Node>) kids[owner];
      if (list == null) {
        list = new ArrayList<>(4);
        kids[owner] = list;
      }
      list.add(node);
    }

    @SuppressWarnings("unchecked")
    Node root(int from, int to) {
      List<Node> roots = kids[0] == null ? List.of() : (List<Node>) kids[0];
      if (roots.size() == 1) {
        return roots.get(0);
      }
      return new Node("", from, to, roots);
    }
  }

  private static String[] nodeNames() {
    String[] names = new String[SipParser.ruleNames.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = RuleTable.get().byAntlrName(SipParser.ruleNames[i])
          .map(RuleTable.AbnfRule::abnfName).orElse(null);
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
      events[k] = Arrays.copyOfRange(found.get(k), 1, found.get(k).length);
    }
    State s = intern(positions);
    return new Edge(s, new int[positions.length], events);
  }

  private synchronized Edge step(State d, int b) {
    Edge known = d.next[b];
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
          events.add(f.length == 1 ? NO_EVENTS : Arrays.copyOfRange(f, 1, f.length));
        }
      }
    }
    Edge e;
    if (targets.isEmpty()) {
      e = DEAD;
    } else {
      int[] positions = targets.stream().mapToInt(Integer::intValue).toArray();
      e = new Edge(intern(positions), preds.stream().mapToInt(Integer::intValue).toArray(),
          events.toArray(int[][]::new));
    }
    d.next[b] = e;
    return e;
  }

  private State intern(int[] positions) {
    List<Integer> key = Arrays.stream(positions).boxed().toList();
    State s = states.get(key);
    if (s == null) {
      if (TOTAL_STATES.incrementAndGet() > MAX_STATES) {
        TOTAL_STATES.decrementAndGet();
        throw new Unsupported();
      }
      int eof = -1;
      for (int k = 0; k < positions.length; k++) {
        if (isEof(positions[k])) {
          eof = k;
          break;
        }
      }
      s = new State(positions, eof);
      states.put(key, s);
    }
    return s;
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
