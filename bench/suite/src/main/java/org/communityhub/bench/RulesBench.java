package org.communityhub.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.communityhub.rules.ChecklistAnswer;
import org.communityhub.rules.CompileResult;
import org.communityhub.rules.Decision;
import org.communityhub.rules.DefaultRulePackages;
import org.communityhub.rules.RulePackageRegistry;
import org.communityhub.rules.eligibility.Eligibility;
import org.communityhub.rules.eligibility.EligibilityQuestion;
import org.communityhub.rules.payment.PathwayEvent;
import org.communityhub.rules.payment.PaymentMilestones;
import org.communityhub.rules.risk.RiskScoring;

/**
 * Rule evaluation in-process, through the rules module's facades (a new session per decision, as the
 * application evaluates), on one thread: decisions per CPU second of this JVM, i.e. per core. Counting CPU time
 * rather than wall time keeps the figure from depending on what else the machine runs (the application idles
 * in its own processes meanwhile); the JVM's own garbage collection and compilation are counted in.
 */
final class RulesBench {

  static final String GENERATED = "generated-1000";
  static final int GENERATED_RULES = 1000;

  private final RulePackageRegistry registry = RulePackageRegistry.withDefaultPackages();
  private final RiskScoring risk = new RiskScoring(registry);
  private final Eligibility eligibility = new Eligibility(registry);
  private final PaymentMilestones payment = new PaymentMilestones(registry);
  private final List<ChecklistAnswer> answers = ChecklistAnswer.ofAll(Workload.CHECKLIST_ANSWERS);
  private final EligibilityQuestion question = new EligibilityQuestion("HOUSING", answers, Map.of());
  private final PathwayEvent event = new PathwayEvent("HOUSING", "MOVED_IN", true, Map.of());

  RulesBench() {
    for (Decision decision : Decision.values()) {
      CompileResult result = registry.compile(decision, GENERATED, generated(decision));
      if (!result.succeeded()) {
        throw new IllegalStateException("The generated " + decision + " package does not compile: " + result.errors());
      }
    }
  }

  /** The evaluation of a decision under a package version (the default one, or the generated one). */
  Runnable evaluation(Decision decision, String version) {
    return switch (decision) {
      case RISK -> () -> risk.assessUnder(version, answers);
      case ELIGIBILITY -> () -> eligibility.checkUnder(version, question);
      case PAYMENT -> () -> payment.evaluateUnder(version, event);
    };
  }

  /** Evaluations per CPU second of this JVM, on this thread, after a warm-up of the same length. */
  static double perSecond(Runnable evaluation, Duration duration) {
    run(evaluation, duration);
    return run(evaluation, duration);
  }

  private static double run(Runnable evaluation, Duration duration) {
    long started = System.nanoTime();
    long cpuStarted = processCpuNanos();
    long end = started + duration.toNanos();
    long count = 0;
    while (true) {
      for (int i = 0; i < 100; i++) {
        evaluation.run();
      }
      count += 100;
      if (System.nanoTime() >= end) {
        return count / ((processCpuNanos() - cpuStarted) / 1e9);
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * The shipped package plus 1,000 generated rules of the same shape, about questions, pathways and steps
   * the benchmark's facts never carry: each is compiled into the network and tested against every fact, but
   * never fires, so the result is the default package's (the cost of a large package, not of more output).
   */
  static String generated(Decision decision) {
    StringBuilder drl = new StringBuilder(DefaultRulePackages.drl(decision)).append("\n");
    for (int i = 0; i < GENERATED_RULES; i++) {
      switch (decision) {
        case RISK -> drl.append("rule \"Generated risk rule ").append(i).append("\"\nwhen\n")
            .append("    ChecklistAnswer( question == \"generated_question_").append(i).append("\", yes )\n")
            .append("then\n    insert( new RiskPoint( 1, drools.getRule().getName() ) );\nend\n\n");
        case ELIGIBILITY -> drl.append("rule \"Generated eligibility rule ").append(i).append("\"\nwhen\n")
            .append("    PathwayOpening( pathwayCode == \"GENERATED_").append(i).append("\" )\n")
            .append("    ChecklistAnswer( question == \"generated_question_").append(i).append("\", no )\n")
            .append("then\n    insert( new IneligibilityReason( drools.getRule().getName(), \"generated\" ) );\nend\n\n");
        case PAYMENT -> drl.append("rule \"Generated payment rule ").append(i).append("\"\n")
            .append("    activation-group \"milestone\"\n    salience 10\nwhen\n")
            .append("    PathwayEvent( pathwayCode == \"GENERATED_").append(i).append("\", stepCode == \"STEP_")
            .append(i).append("\" )\n")
            .append("then\n    insert( new EarnedMilestone( \"SERVICE_CONFIRMED\", \"STANDARD\", drools.getRule().getName() ) );\nend\n\n");
      }
    }
    return drl.toString();
  }
}
