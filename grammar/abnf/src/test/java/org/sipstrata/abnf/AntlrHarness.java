package org.sipstrata.abnf;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.antlr.v4.Tool;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.tool.ANTLRMessage;
import org.antlr.v4.tool.ANTLRToolListener;

/**
 * Runs the ANTLR tool on an emitted grammar in-process, compiles the generated parser with
 * javax.tools, and parses byte strings with it the way the runtime contract says: one token per
 * byte, token type = byte + 1; SLL prediction first, full LL if SLL fails; bail on the first error.
 */
final class AntlrHarness {

  final List<String> toolErrors = new ArrayList<>();
  final List<String> toolWarnings = new ArrayList<>();
  private Constructor<? extends Parser> constructor;
  private Class<? extends Parser> parserClass;

  /** Generates and compiles; check {@link #toolErrors} before parsing. */
  static AntlrHarness build(String grammarName, String g4, Path work) throws IOException {
    AntlrHarness h = new AntlrHarness();
    Path src = work.resolve("src");
    Path classes = work.resolve("classes");
    Files.createDirectories(src);
    Files.createDirectories(classes);
    Path file = work.resolve(grammarName + ".g4");
    Files.writeString(file, g4, StandardCharsets.UTF_8);
    Tool tool = new Tool(new String[] {"-o", src.toString(), "-Xexact-output-dir", "-no-listener",
        "-no-visitor", "-encoding", "UTF-8", file.toString()});
    tool.addListener(new ANTLRToolListener() {
      @Override
      public void info(String msg) {}

      @Override
      public void error(ANTLRMessage msg) {
        h.toolErrors.add(tool.errMgr.getMessageTemplate(msg).render());
      }

      @Override
      public void warning(ANTLRMessage msg) {
        h.toolWarnings.add(tool.errMgr.getMessageTemplate(msg).render());
      }
    });
    tool.processGrammarsOnCommandLine();
    if (!h.toolErrors.isEmpty() || tool.getNumErrors() > 0) {
      h.toolErrors.add("ANTLR reported " + tool.getNumErrors() + " error(s)");
      return h;
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
        "-d", classes.toString(), "-proc:none", "-nowarn", "-encoding", "UTF-8"));
    try (Stream<Path> files = Files.list(src)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int rc = javac.run(null, null, err, args.toArray(String[]::new));
    if (rc != 0) {
      h.toolErrors.add("javac failed: " + err.toString(StandardCharsets.UTF_8));
      return h;
    }
    try {
      URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
          AntlrHarness.class.getClassLoader());
      String className = grammarName;
      h.parserClass = loader.loadClass(className).asSubclass(Parser.class);
      h.constructor = h.parserClass.getConstructor(org.antlr.v4.runtime.TokenStream.class);
    } catch (ReflectiveOperationException e) {
      h.toolErrors.add("cannot load the generated parser: " + e);
    }
    return h;
  }

  Class<? extends Parser> parserClass() {
    return parserClass;
  }

  /** Whether the entry rule (e.g. {@code uriEof}) accepts the bytes: SLL first, then LL. */
  boolean accepts(String entryRule, byte[] input) {
    return parse(entryRule, input, PredictionMode.SLL) || parse(entryRule, input, PredictionMode.LL);
  }

  private boolean parse(String entryRule, byte[] input, PredictionMode mode) {
    List<Token> tokens = new ArrayList<>();
    for (int i = 0; i < input.length; i++) {
      int b = input[i] & 0xFF;
      CommonToken t = new CommonToken(AntlrEmitter.tokenType(b), String.valueOf((char) b));
      t.setStartIndex(i);
      t.setStopIndex(i);
      tokens.add(t);
    }
    try {
      Parser parser = constructor.newInstance(new CommonTokenStream(new ListTokenSource(tokens)));
      parser.removeErrorListeners();
      parser.setErrorHandler(new BailErrorStrategy());
      parser.getInterpreter().setPredictionMode(mode);
      parserClass.getMethod(entryRule).invoke(parser);
      return true;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ParseCancellationException) {
        return false;
      }
      throw new AssertionError("parser failed: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The entry rule for an ABNF start rule, from the {@code .rules.tsv} map. */
  static String entryRule(String rulesTsv, String abnfRule) {
    return rulesTsv.lines().skip(1).map(l -> l.split("\t", -1))
        .filter(f -> f[1].equalsIgnoreCase(abnfRule) && f[0].endsWith("Eof"))
        .map(f -> f[0]).findFirst().orElseThrow();
  }
}
