package org.communityhub.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.communityhub.pathways.FieldDescriptor;
import org.communityhub.pathways.PathwayCatalog;
import org.communityhub.pathways.PathwayDescriptor;
import org.communityhub.pathways.StepDescriptor;
import org.communityhub.rules.RulePackageRegistry;
import org.communityhub.rules.payment.EarnedMilestone;
import org.communityhub.rules.payment.PathwayEvent;
import org.communityhub.rules.payment.PaymentMilestones;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The standard catalog, the default payment package and the default contract (the migrations) agree: every
 * payment point of every pathway earns a milestone, every outcome variant can be earned, and the contract
 * prices everything that can be earned, with the outcome worth at least half of what a pathway pays.
 */
class StandardCatalogCoverageTest {

  private static final String DEFAULT_CONTRACT = "00000000-0000-0000-0000-0000000000c1";
  private static final PathwayCatalog CATALOG = PathwayCatalog.standard();
  private static final PaymentMilestones MILESTONES =
      new PaymentMilestones(RulePackageRegistry.withDefaultPackages());

  private static EmbeddedPostgres postgres;
  /** The default contract's rates: pathway code → "MILESTONE/VARIANT" → cents. */
  private static final Map<String, Map<String, Long>> RATES = new HashMap<>();

  @BeforeAll
  static void migrateADatabase() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select pathway_code, milestone, outcome_variant, amount_cents "
            + "from payment_rate where contract_id = '" + DEFAULT_CONTRACT + "'")) {
      while (rows.next()) {
        RATES.computeIfAbsent(rows.getString(1), code -> new HashMap<>())
            .put(rows.getString(2) + "/" + rows.getString(3), rows.getLong(4));
      }
    }
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    if (postgres != null) postgres.close();
  }

  @Test
  void everyCheckpointEarnsServiceConfirmedAndEveryOutcomeStepOutcomeConfirmed() {
    for (PathwayDescriptor pathway : CATALOG.all()) {
      for (StepDescriptor step : pathway.steps()) {
        for (Map<String, String> data : sampleData(step)) {
          var earned = MILESTONES.evaluate(event(pathway, step, data)).earned();
          if (!step.paymentPoint()) {
            assertThat(earned).as("%s %s is no payment point", pathway.code(), step.code()).isEmpty();
          } else {
            String expected = step.code().equals(pathway.outcomeStep()) ? "OUTCOME_CONFIRMED" : "SERVICE_CONFIRMED";
            assertThat(earned).as("%s %s %s", pathway.code(), step.code(), data)
                .hasValueSatisfying(e -> assertThat(e.milestone()).isEqualTo(expected));
          }
        }
      }
    }
  }

  @Test
  void everyOutcomeVariantCanBeEarnedAndNoOtherIs() {
    for (PathwayDescriptor pathway : CATALOG.all()) {
      Set<String> earned = new LinkedHashSet<>();
      for (Map<String, String> data : sampleData(pathway.outcome())) {
        MILESTONES.evaluate(event(pathway, pathway.outcome(), data)).earned()
            .map(EarnedMilestone::outcomeVariant).ifPresent(earned::add);
      }
      assertThat(earned).as("variants %s earns", pathway.code()).containsExactlyInAnyOrderElementsOf(pathway.variantCodes());
    }
  }

  @Test
  void theDefaultContractPricesEverythingThatCanBeEarnedAndNothingElse() {
    Map<String, Set<String>> earnable = new HashMap<>();
    for (PathwayDescriptor pathway : CATALOG.all()) {
      for (StepDescriptor step : pathway.steps().stream().filter(StepDescriptor::paymentPoint).toList()) {
        for (Map<String, String> data : sampleData(step)) {
          MILESTONES.evaluate(event(pathway, step, data)).earned().ifPresent(e ->
              earnable.computeIfAbsent(pathway.code(), c -> new HashSet<>()).add(e.milestone() + "/" + e.outcomeVariant()));
        }
      }
    }

    assertThat(RATES.keySet()).containsExactlyInAnyOrderElementsOf(
        CATALOG.all().stream().map(PathwayDescriptor::code).toList());
    earnable.forEach((code, milestones) ->
        assertThat(RATES.get(code).keySet()).as("rates of %s", code).containsExactlyInAnyOrderElementsOf(milestones));
  }

  @Test
  void theOutcomeIsAtLeastHalfOfWhatAnyPathwayPays() {
    RATES.forEach((code, rates) -> {
      long checkpoints = rates.entrySet().stream().filter(r -> r.getKey().startsWith("SERVICE_CONFIRMED/"))
          .mapToLong(Map.Entry::getValue).sum();
      long bestOutcome = rates.entrySet().stream().filter(r -> r.getKey().startsWith("OUTCOME_CONFIRMED/"))
          .mapToLong(Map.Entry::getValue).max().orElse(0);
      assertThat(bestOutcome).as("best outcome of %s against its checkpoints", code).isGreaterThanOrEqualTo(checkpoints);
    });
  }

  private static PathwayEvent event(PathwayDescriptor pathway, StepDescriptor step, Map<String, String> data) {
    return new PathwayEvent(pathway.code(), step.code(), step.code().equals(pathway.outcomeStep()), data);
  }

  /** Step data to try: every combination of a few values per field, so each rule that reads one can fire. */
  private static List<Map<String, String>> sampleData(StepDescriptor step) {
    List<Map<String, String>> samples = List.of(Map.of());
    for (FieldDescriptor field : step.dataFields()) {
      List<String> values = switch (field.type()) {
        case INTEGER -> List.of("0", "1000", "2499", "2500", "4000");
        case BOOLEAN -> List.of("true", "false");
        case DATE -> List.of("2026-01-15");
        case TEXT -> List.of("sample");
      };
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> sample : samples) {
        for (String value : values) {
          Map<String, String> data = new HashMap<>(sample);
          data.put(field.name(), value);
          next.add(data);
        }
      }
      samples = next;
    }
    return samples;
  }
}
