package org.sipstrata.abnf.oracle;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.sipstrata.abnf.Element;
import org.sipstrata.abnf.Rule;
import org.sipstrata.abnf.RuleSet;

/**
 * Generates random byte strings that an ABNF rule accepts, and mutations of them that it may or may
 * not accept. Seeded, so a failure is reproduced by its seed.
 *
 * <p>Alternatives are chosen uniformly; a repetition {@code m*n} repeats {@code m} to
 * {@code min(n, m + maxExtraRepeats)} times. Past {@code maxDepth} nested rules or
 * {@code maxLength} bytes the generator closes off: it takes the alternatives with the shortest
 * derivation and the minimum repetition counts, which always terminates. Rules that cannot produce
 * any string (they need a prose-val, an undefined rule, or a terminal value above 255) produce none.
 */
public final class AbnfGenerator {

  private static final int INFINITE = Integer.MAX_VALUE;

  private final RuleSet rules;
  private final Random random;
  private final int maxDepth;
  private final int maxExtraRepeats;
  private final int maxLength;
  /** Per rule, the height of its shortest derivation tree ({@link #INFINITE} if none). */
  private final Map<String, Integer> height = new HashMap<>();

  public AbnfGenerator(RuleSet rules, long seed) {
    this(rules, seed, 12, 3, 400);
  }

  public AbnfGenerator(RuleSet rules, long seed, int maxDepth, int maxExtraRepeats, int maxLength) {
    this.rules = rules;
    this.random = new Random(seed);
    this.maxDepth = maxDepth;
    this.maxExtraRepeats = maxExtraRepeats;
    this.maxLength = maxLength;
    computeHeights();
  }

  /** A random string the rule accepts, or empty if the rule cannot produce any. */
  public Optional<byte[]> generate(String rule) {
    Element start = new Element.RuleRef(rule, org.sipstrata.abnf.Position.NONE);
    if (height(start) == INFINITE) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    gen(start, 0, out);
    return Optional.of(out.toByteArray());
  }

  /**
   * A random small change to the input: insert, delete or replace a byte, swap two neighbours,
   * truncate, or repeat a slice. The result may or may not match; that is what the oracle decides.
   */
  public byte[] mutate(byte[] input) {
    List<Byte> b = new ArrayList<>();
    for (byte x : input) {
      b.add(x);
    }
    int n = b.size();
    switch (n == 0 ? 0 : random.nextInt(6)) {
      case 0 -> b.add(n == 0 ? 0 : random.nextInt(n + 1), randomByte(input));
      case 1 -> b.remove(random.nextInt(n));
      case 2 -> b.set(random.nextInt(n), randomByte(input));
      case 3 -> {
        if (n >= 2) {
          int i = random.nextInt(n - 1);
          Byte t = b.get(i);
          b.set(i, b.get(i + 1));
          b.set(i + 1, t);
        } else {
          b.add(randomByte(input));
        }
      }
      case 4 -> b.subList(random.nextInt(n), n).clear();
      default -> {
        int from = random.nextInt(n);
        int to = from + 1 + random.nextInt(Math.min(8, n - from));
        b.addAll(to, new ArrayList<>(b.subList(from, to)));
      }
    }
    byte[] out = new byte[b.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i);
    }
    return out;
  }

  private byte randomByte(byte[] context) {
    int pick = random.nextInt(4);
    if (pick == 0 && context.length > 0) {
      return context[random.nextInt(context.length)];
    }
    if (pick == 1) {
      return (byte) "\r\n \t:;,/\"<>()[]@%=-.".charAt(random.nextInt(20));
    }
    return (byte) (pick == 2 ? 0x20 + random.nextInt(0x5F) : random.nextInt(256));
  }

  private void gen(Element e, int depth, ByteArrayOutputStream out) {
    boolean closing = depth > maxDepth || out.size() > maxLength;
    switch (e) {
      case Element.CharVal cv -> {
        for (char c : cv.text().toCharArray()) {
          out.write(!cv.caseSensitive() && Character.isLetter(c) && random.nextBoolean()
              ? (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)) : c);
        }
      }
      case Element.NumVal nv -> nv.values().forEach(out::write);
      case Element.ValueRange vr -> out.write(vr.low() + random.nextInt(Math.min(vr.high(), 255) - vr.low() + 1));
      case Element.ProseVal p -> throw new IllegalStateException("unreachable: prose has no derivation");
      case Element.Alternation a -> {
        List<Element> options = new ArrayList<>();
        int best = INFINITE;
        for (Element x : a.alternatives()) {
          best = Math.min(best, height(x));
        }
        for (Element x : a.alternatives()) {
          int h = height(x);
          if (h != INFINITE && (!closing || h == best)) {
            options.add(x);
          }
        }
        gen(options.get(random.nextInt(options.size())), depth, out);
      }
      case Element.Concatenation c -> {
        for (Element x : c.elements()) {
          gen(x, depth, out);
        }
      }
      case Element.Repetition r -> {
        int count = r.min();
        if (!closing && height(r.element()) != INFINITE) {
          long upper = Math.min((long) r.max(), (long) r.min() + maxExtraRepeats);
          count = r.min() + random.nextInt((int) (upper - r.min()) + 1);
        }
        for (int i = 0; i < count; i++) {
          gen(r.element(), depth, out);
        }
      }
      case Element.RuleRef ref -> gen(rules.ruleMap().get(Rule.key(ref.name())).element(), depth + 1, out);
    }
  }

  private int height(Element e) {
    return switch (e) {
      case Element.CharVal cv -> 0;
      case Element.NumVal nv -> nv.values().stream().allMatch(v -> v <= 255) ? 0 : INFINITE;
      case Element.ValueRange vr -> vr.low() <= 255 ? 0 : INFINITE;
      case Element.ProseVal p -> INFINITE;
      case Element.Alternation a -> a.alternatives().stream().mapToInt(this::height).min().orElse(INFINITE);
      case Element.Concatenation c -> c.elements().stream().mapToInt(this::height).max().orElse(0);
      case Element.Repetition r -> r.min() == 0 || r.max() == 0 ? 0 : height(r.element());
      case Element.RuleRef ref -> {
        int h = height.getOrDefault(Rule.key(ref.name()), INFINITE);
        yield h == INFINITE ? INFINITE : h + 1;
      }
    };
  }

  /** Shortest derivation heights by fixpoint: start at infinity, lower until nothing changes. */
  private void computeHeights() {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Rule r : rules.rules()) {
        int h = height(r.element());
        if (h < height.getOrDefault(r.key(), INFINITE)) {
          height.put(r.key(), h);
          changed = true;
        }
      }
    }
  }
}
