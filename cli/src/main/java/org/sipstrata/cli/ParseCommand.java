package org.sipstrata.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sipstrata.grammar.EntryRule;
import org.sipstrata.grammar.ParseResult;
import org.sipstrata.grammar.SipGrammar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strata parse --strict FILE…}: checks each file against the SIP-message rule of RFC 3261
 * §25 and prints {@code FILE: OK} or {@code FILE: <error>}; {@code --tree} prints the parse tree
 * with ABNF rule names.
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Parses each FILE as a SIP message (RFC 3261 §25, SIP-message) and prints OK or the",
      "first error: line, column, the ABNF rule and its section. Exit status 0 when every",
      "file is valid (a file that cannot be read is not), 1 otherwise."
    })
final class ParseCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files holding one message each.")
  List<Path> files;

  @Option(
      names = "--strict",
      description = "Also apply the prose rules (known header names must match their own rule).")
  boolean strict;

  @Option(names = "--tree", description = "Print the parse tree of each valid file.")
  boolean tree;

  @Option(
      names = "--rule",
      paramLabel = "RULE",
      defaultValue = "SIP-message",
      description = "The ABNF rule to parse with (default: ${DEFAULT-VALUE}), e.g. Request-Line.")
  String rule;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EntryRule entry = EntryRule.forAbnfName(rule).orElse(null);
    if (entry == null) {
      err.println("unknown rule '" + rule + "'; the entry rules are the start lines, URIs,"
          + " SIP-message and the header rules of §25 (e.g. Via, CSeq)");
      return 2;
    }
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
}
