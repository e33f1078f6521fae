package org.sipstrata.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sipstrata.grammar.EntryRule;
import org.sipstrata.grammar.ParseResult;
import org.sipstrata.grammar.SipGrammar;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.HeaderValue;
import org.sipstrata.syntax.MessageFact;
import org.sipstrata.syntax.SipFraming;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SyntaxError;
import org.sipstrata.syntax.TypedHeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strata parse FILE…}: frames each file as a datagram with the syntax layer (lazy: start
 * line and header names), then {@code validate()}s it, and prints every header field as its typed
 * value, or the error; {@code --strict} adds {@code validateStrict()}. {@code --grammar} (or
 * {@code --tree}, {@code --rule}) checks the file against one rule of RFC 3261 §25 instead and
 * prints {@code FILE: OK} or {@code FILE: <error>}; {@code --tree} prints the parse tree with ABNF
 * rule names.
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Frames each FILE as a SIP message (RFC 3261 §18.3, datagram), validates it and prints",
      "OK or the first error (line, column, the ABNF rule and its section), then every header",
      "field as its typed value and the facts framing found. With --grammar, --tree or --rule,",
      "parses each FILE with one ABNF rule of §25 instead (default SIP-message). Exit status 0",
      "when every file is valid (a file that cannot be read is not), 1 otherwise."
    })
final class ParseCommand implements Callable<Integer> {

  private static final String DEFAULT_RULE = "SIP-message";

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files holding one message each.")
  List<Path> files;

  @Option(
      names = "--strict",
      description = "Also apply the prose rules (known header names must match their own rule);"
          + " with typed output, also run the whole-message rule (validateStrict).")
  boolean strict;

  @Option(
      names = "--grammar",
      description = "Only check each file against an ABNF rule (see --rule) and print OK or the"
          + " error, without framing or typed values.")
  boolean grammarOnly;

  @Option(names = "--tree", description = "Print the parse tree of each valid file (implies --grammar).")
  boolean tree;

  /** Typed output is the default; the option is still accepted so that older scripts run. */
  @Option(names = "--typed", hidden = true, description = "The default (typed output).")
  boolean typed;

  @Option(
      names = "--rule",
      paramLabel = "RULE",
      description = "The ABNF rule to parse with (implies --grammar; default: " + DEFAULT_RULE
          + "), e.g. Request-Line.")
  String rule;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String ruleName = rule == null ? DEFAULT_RULE : rule;
    EntryRule entry = EntryRule.forAbnfName(ruleName).orElse(null);
    if (entry == null) {
      err.println("unknown rule '" + ruleName + "'; the entry rules are the start lines, URIs,"
          + " SIP-message and the header rules of §25 (e.g. Via, CSeq)");
      return 2;
    }
    boolean grammarMode = grammarOnly || tree || rule != null;
    SipGrammar grammar = strict ? SipGrammar.strict() : SipGrammar.lenient();
    int status = 0;
    for (Path file : files) {
      byte[] octets;
      try {
        octets = Files.readAllBytes(file);
      } catch (IOException e) {
        err.println(file + ": cannot read: " + e.getMessage());
        status = 1;
        continue;
      }
      if (!grammarMode) {
        status = Math.max(status, printTyped(out, file, octets, strict));
        continue;
      }
      ParseResult result = grammar.parse(entry, octets);
      switch (result) {
        case ParseResult.Ok ok -> {
          out.println(file + ": OK");
          if (tree) {
            out.print(ok.tree().format());
          }
        }
        case ParseResult.Failed failed -> {
          out.println(file + ": " + failed.error().message());
          status = Math.max(status, 1);
        }
      }
    }
    out.flush();
    return status;
  }

  /** Frames, validates and prints one message with its typed header values; 1 when it is bad. */
  private static int printTyped(PrintWriter out, Path file, byte[] octets, boolean strict) {
    FramingResult framing = SipFraming.datagram(octets);
    if (!(framing instanceof FramingResult.Framed framed)) {
      String why = framing instanceof FramingResult.Failed failed
          ? failed.error().message() : "the datagram ends inside the message";
      out.println(file + ": " + why);
      return 1;
    }
    SipMessage message = framed.message();
    List<SyntaxError> errors = new ArrayList<>(message.validate());
    if (errors.isEmpty() && strict) {
      message.validateStrict().ifPresent(errors::add);
    }
    out.println(file + ": " + (errors.isEmpty() ? "OK" : errors.get(0).message()));
    if (message instanceof SipRequest request) {
      out.println("  Request-URI: " + switch (request.requestUriValue()) {
        case org.sipstrata.syntax.Parsed.Ok<?> ok -> ok.value();
        case org.sipstrata.syntax.Parsed.Failed<?> failed -> "malformed: " + failed.error().message();
      });
    }
    for (TypedHeader<?> header : TypedHeader.ALL) {
      switch (message.get(header)) {
        case HeaderValue.Absent<?> absent -> { }
        case HeaderValue.Valid<?> valid -> out.println("  " + header.name() + ": " + valid.value());
        case HeaderValue.Malformed<?> malformed ->
            out.println("  " + header.name() + ": malformed: " + malformed.error().message());
      }
    }
    for (MessageFact fact : framed.facts()) {
      out.println("  fact: " + fact);
    }
    return errors.isEmpty() ? 0 : 1;
  }
}
