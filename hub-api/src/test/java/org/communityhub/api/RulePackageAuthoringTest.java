package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.communityhub.rules.Decision;
import org.communityhub.rules.DefaultRulePackages;
import org.communityhub.rules.RulePackageRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule packages authored at run time, on the real stack: uploads answered with their DRL errors' lines,
 * drafts that change nothing, dry runs checked against numbers worked out by hand, activation that changes
 * the next decision (and none made before), survives a restart, and reaches an instance through PostgreSQL.
 */
class RulePackageAuthoringTest {

  private static final LocalDate TODAY = RunningHub.today();
  private static final Duration REFRESH = Duration.ofSeconds(30);

  private static final String RISK_HEADER = """
      package org.communityhub.rules.risk;
      import org.communityhub.rules.ChecklistAnswer;
      import org.communityhub.rules.risk.*;
      """;

  /** Every client LOW with a score of 0 and no recommendation: easy to tell from the shipped package. */
  private static final String EVERYONE_LOW = RISK_HEADER + """
      rule "Score every checklist 0"
      when
      then
          insert( new RiskScore( 0 ) );
      end
      rule "Tier LOW for everyone"
      when
          RiskScore()
      then
          insert( new TierAssignment( RiskTier.LOW, drools.getRule().getName() ) );
      end
      """;

  @TempDir
  static Path dataDir;
  static RunningHub hub;

  @BeforeAll
  static void startHub() {
    // A short refresh keeps the "another instance" case quick; the default is 2 s.
    hub = RunningHub.start(dataDir, "--hub.rules.refresh-interval=200ms");
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void answersASyntaxErrorWithItsLineAndColumnAndStoresNothing() {
    long before = storedPackages();

    RunningHub.Response refused = upload("risk", RISK_HEADER + """
        rule "Add 3 points for a pregnancy"
        when
            ChecklistAnswer( question == "pregnant" yes )
        then
        end
        """);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    JsonNode error = refused.json().path("errors").get(0);
    assertThat(error.path("field").asText()).isEqualTo("drl");
    assertThat(error.path("line").asInt()).isEqualTo(6);
    assertThat(error.path("column").asInt()).isEqualTo(45);
    assertThat(error.path("message").asText()).contains("mismatched input 'yes'");
    assertThat(storedPackages()).isEqualTo(before);
  }

  @Test
  void answersTypeErrorsWithTheirLines() {
    long before = storedPackages();

    // Compiles (MVEL coerces lazily) but fails on the first example checklist: found before it is stored.
    RunningHub.Response stringComparedWithNumber = upload("risk", RISK_HEADER + """
        rule "Add 2 points for many ER visits"
        when
            ChecklistAnswer( question == "er_visits_12_months", intValue >= "three" )
        then
        end
        """);
    RunningHub.Response unknownProperty = upload("risk", RISK_HEADER + """

        rule "Add 3 points for a pregnancy"
        when
            ChecklistAnswer( question == "pregnant", pregnant == "yes" )
        then
        end
        """);

    assertThat(stringComparedWithNumber.status()).as(stringComparedWithNumber.toString()).isEqualTo(422);
    JsonNode runtime = stringComparedWithNumber.json().path("errors").get(0);
    assertThat(runtime.path("line").asInt()).isEqualTo(6);
    assertThat(runtime.path("column").asInt()).isEqualTo(57);
    assertThat(runtime.path("message").asText()).contains("fails on checklist");
    assertThat(unknownProperty.status()).as(unknownProperty.toString()).isEqualTo(422);
    assertThat(unknownProperty.json().path("errors").get(0).path("line").asInt()).isEqualTo(7);
    assertThat(unknownProperty.json().path("errors").get(0).path("message").asText()).contains("pregnant");
    assertThat(storedPackages()).isEqualTo(before);
  }

  @Test
  void refusesBadInputNamingTheFieldAndWritesNothing() {
    long before = storedPackages();
    String draft = uploaded("eligibility", DefaultRulePackages.drl(Decision.ELIGIBILITY));
    long withDraft = storedPackages();

    assertThat(field(upload("housing", EVERYONE_LOW), 400)).isEqualTo("decision");
    assertThat(field(asAdmin(() -> hub.post("/admin/rule-packages/risk", Map.of("drl", " "))), 400))
        .isEqualTo("drl");
    assertThat(field(asAdmin(() -> hub.post("/admin/rule-packages/risk", Map.of("drl", EVERYONE_LOW,
        "author", "me"))), 400)).isEqualTo("author");
    assertThat(field(asAdmin(() -> hub.post("/admin/rule-packages/risk/Risk_2/activate", Map.of())), 400))
        .isEqualTo("version");
    assertThat(asAdmin(() -> hub.post("/admin/rule-packages/risk/risk-999/activate", Map.of())).status())
        .isEqualTo(404);
    assertThat(asAdmin(() -> hub.get("/admin/rule-packages/payment/" + draft)).status()).isEqualTo(404);
    assertThat(field(dryRun("eligibility", draft, Map.of("events", List.of())), 422)).isEqualTo("events");
    assertThat(field(dryRun("eligibility", draft, Map.of()), 422)).isEqualTo("openings");
    assertThat(field(dryRun("eligibility", draft, Map.of("period", Map.of("from", TODAY, "to", TODAY.minusDays(1)))),
        422)).isEqualTo("period.from");
    assertThat(field(asAdmin(() -> hub.post("/admin/rule-packages/payment/default-1/dry-run", Map.of("events",
        List.of(Map.of("pathwayCode", "PREGNANCY", "stepCode", "MOVED_IN"))))), 422)).isEqualTo("events[0].stepCode");
    assertThat(storedPackages()).isEqualTo(withDraft).isEqualTo(before + 1);
    assertThat(hub.bean(RulePackageRegistry.class).activeVersion(Decision.ELIGIBILITY))
        .contains(DefaultRulePackages.VERSION);
  }

  /**
   * The case worked by hand. In a fresh agency, under the shipped payment package and the default contract:
   * pregnancy 1 (prenatal visit 150.00, healthy birth weight 600.00), pregnancy 2 (prenatal visit 150.00,
   * low birth weight 0.00), housing (moved in 450.00): 1,350.00 in the ledger. The draft stops paying
   * SERVICE_CONFIRMED for prenatal visits: 600.00 + 0.00 + 450.00 = 1,050.00, a difference of −300.00 from
   * two changed milestones (the two prenatal visits); the three outcome decisions stay the same.
   */
  @Test
  void triesADraftPaymentPackageThenActivatesItForTheNextDecisionOnlyAndKeepsItAcrossARestart() {
    String agency = hub.createAgency("Dry run agency " + Personas.unique(), "CARE_COORDINATION_AGENCY", null);
    String chw = hub.createMemberAndLogin("chw-dry-" + Personas.unique(), "CHW", agency);
    List<String> closed = hub.as(chw, () -> List.of(
        completedPregnancy(3120), completedPregnancy(2100), completedHousing()));
    List<Map<String, Object>> ledgerBefore = ledgerOf(closed);
    assertThat(ledgerBefore).extracting(row -> row.get("amount_cents"))
        .containsExactlyInAnyOrder(150_00L, 600_00L, 150_00L, 0L, 450_00L);

    String draft = uploaded("payment", withoutPrenatalVisitEarning());
    JsonNode listed = asAdmin(() -> hub.get("/admin/rule-packages/payment")).json();
    assertThat(statusOf(listed, draft)).isEqualTo("DRAFT");
    assertThat(statusOf(listed, DefaultRulePackages.VERSION)).isEqualTo("ACTIVE");
    assertThat(hub.bean(RulePackageRegistry.class).activeVersion(Decision.PAYMENT)).contains(DefaultRulePackages.VERSION);

    RunningHub.Response tried = dryRun("payment", draft, Map.of(
        "events", List.of(
            Map.of("pathwayCode", "PREGNANCY", "stepCode", "PRENATAL_VISIT_ATTENDED"),
            Map.of("pathwayCode", "PREGNANCY", "stepCode", "DELIVERY", "data", Map.of("birthWeightGrams", "2600"))),
        "period", Map.of("from", TODAY, "to", TODAY)));
    assertThat(tried.status()).as(tried.toString()).isEqualTo(200);
    JsonNode facts = tried.json().path("facts");
    assertThat(facts.get(0).path("active").path("milestone").asText()).isEqualTo("SERVICE_CONFIRMED");
    assertThat(facts.get(0).path("active").path("version").asText()).isEqualTo(DefaultRulePackages.VERSION);
    assertThat(facts.get(0).path("draft").has("milestone")).isFalse();
    assertThat(facts.get(0).path("draft").path("version").asText()).isEqualTo(draft);
    assertThat(facts.get(0).path("changed").asBoolean()).isTrue();
    assertThat(facts.get(1).path("draft").path("outcomeVariant").asText()).isEqualTo("HEALTHY_BIRTH_WEIGHT");
    assertThat(facts.get(1).path("changed").asBoolean()).isFalse();
    JsonNode line = lineOf(tried.json().path("period"), agency);
    assertThat(line.path("payer").asText()).isEqualTo("STATE_MEDICAID");
    assertThat(line.path("currentCents").asLong()).isEqualTo(1_350_00L);
    assertThat(line.path("draftCents").asLong()).isEqualTo(1_050_00L);
    assertThat(line.path("differenceCents").asLong()).isEqualTo(-300_00L);
    assertThat(line.path("milestonesChanged").asInt()).isEqualTo(2);
    assertThat(ledgerOf(closed)).as("a dry run writes nothing").isEqualTo(ledgerBefore);

    RunningHub.Response activated = asAdmin(() -> hub.post("/admin/rule-packages/payment/" + draft + "/activate",
        Map.of()));
    assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
    assertThat(activated.json().path("status").asText()).isEqualTo("ACTIVE");
    assertThat(activated.json().path("activatedBy").asText()).isEqualTo("admin");

    JsonNode next = hub.as(chw, () -> hub.awaitStatus(pregnancyWithSteps(3300), "COMPLETED"));
    assertThat(next.path("payments").findValuesAsText("milestone")).containsExactly("OUTCOME_CONFIRMED");
    assertThat(next.path("payments").findValuesAsText("rulePackageVersion")).containsExactly(draft);
    assertThat(ledgerOf(closed)).as("earlier decisions are never recomputed").isEqualTo(ledgerBefore);

    hub.restart();

    assertThat(hub.bean(RulePackageRegistry.class).activeVersion(Decision.PAYMENT)).contains(draft);
    JsonNode afterRestart = asAdmin(() -> hub.get("/admin/rule-packages/payment")).json();
    assertThat(statusOf(afterRestart, draft)).isEqualTo("ACTIVE");
    assertThat(statusOf(afterRestart, DefaultRulePackages.VERSION)).isEqualTo("RETIRED");
  }

  @Test
  void activatingARiskPackageChangesTheNextChecklistOnlyAndAnotherInstancesActivationArrivesThroughPostgres() {
    String client = hub.register(Personas.pregnantClientWithUnstableHousing());
    JsonNode before = checklist(client);
    assertThat(before.path("tier").asText()).isEqualTo("HIGH");
    String draft = uploaded("risk", EVERYONE_LOW);

    RunningHub.Response tried = dryRun("risk", draft, Map.of("checklists", List.of(Map.of("answers",
        Map.of("pregnant", "yes", "housing_status", "HOMELESS")))));
    assertThat(tried.json().path("facts").get(0).path("active").path("tier").asText()).isEqualTo("HIGH");
    assertThat(tried.json().path("facts").get(0).path("draft").path("tier").asText()).isEqualTo("LOW");

    assertThat(asAdmin(() -> hub.post("/admin/rule-packages/risk/" + draft + "/activate", Map.of())).status())
        .isEqualTo(200);
    JsonNode after = checklist(client);

    assertThat(after.path("tier").asText()).isEqualTo("LOW");
    assertThat(after.path("rulePackageVersion").asText()).isEqualTo(draft);
    assertThat(hub.jdbc().sql("select tier || ' ' || rule_package_version from checklist where id = ?")
        .param(UUID.fromString(before.path("id").asText())).query(String.class).single())
        .isEqualTo("HIGH " + DefaultRulePackages.VERSION);

    // Another instance rolls back to the shipped package: it changes only PostgreSQL, as its API would.
    hub.jdbc().sql("update rule_package set status = 'RETIRED' where decision = 'RISK' and status = 'ACTIVE'")
        .update();
    hub.jdbc().sql("update rule_package set status = 'ACTIVE' where decision = 'RISK' and version = ?")
        .param(DefaultRulePackages.VERSION).update();
    await().atMost(REFRESH).until(() -> hub.bean(RulePackageRegistry.class).activeVersion(Decision.RISK)
        .filter(DefaultRulePackages.VERSION::equals).isPresent());
    assertThat(checklist(client).path("tier").asText()).isEqualTo("HIGH");
  }

  private static String completedPregnancy(int birthWeightGrams) {
    String pathway = pregnancyWithSteps(birthWeightGrams);
    hub.awaitStatus(pathway, "COMPLETED");
    hub.awaitPayments(pathway, 2);
    return pathway;
  }

  private static String pregnancyWithSteps(int birthWeightGrams) {
    String client = hub.register(Personas.pregnantClientWithUnstableHousing());
    checklist(client);
    String pregnancy = hub.open(client, "PREGNANCY", Map.of("estimatedDueDate", TODAY.plusDays(10).toString()));
    hub.step(pregnancy, "PRENATAL_CARE_PROVIDER_CHOSEN", TODAY.minusDays(90), Map.of(), null);
    hub.step(pregnancy, "PRENATAL_VISIT_ATTENDED", TODAY.minusDays(80), Map.of(), RunningHub.evidence());
    hub.step(pregnancy, "DELIVERY", TODAY, Map.of("birthWeightGrams", birthWeightGrams), RunningHub.evidence());
    return pregnancy;
  }

  private static String completedHousing() {
    String client = hub.register(Personas.pregnantClientWithUnstableHousing());
    checklist(client);
    String housing = hub.open(client, "HOUSING", Map.of());
    hub.step(housing, "APPLICATION_SUBMITTED", TODAY.minusDays(20), Map.of(), null);
    hub.step(housing, "HOUSING_SECURED", TODAY.minusDays(5), Map.of(), null);
    hub.step(housing, "MOVED_IN", TODAY, Map.of(), RunningHub.evidence());
    hub.awaitStatus(housing, "COMPLETED");
    hub.awaitPayments(housing, 1);
    return housing;
  }

  private static JsonNode checklist(String client) {
    RunningHub.Response submitted = hub.post("/clients/" + client + "/checklists",
        Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
    return submitted.json();
  }

  /** The shipped payment package without its rule paying for an attended prenatal visit. */
  private static String withoutPrenatalVisitEarning() {
    String drl = DefaultRulePackages.drl(Decision.PAYMENT);
    int start = drl.indexOf("rule \"Earn SERVICE_CONFIRMED for an attended prenatal visit\"");
    int end = drl.indexOf("end\n", start) + "end\n".length();
    assertThat(start).isPositive();
    return drl.substring(0, start) + drl.substring(end);
  }

  private static List<Map<String, Object>> ledgerOf(List<String> pathways) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String pathway : pathways) {
      hub.jdbc().sql("""
              select step_id, milestone, outcome_variant, amount_cents, rule_package_version from payment_ledger
               where pathway_id = ? order by seq""")
          .param(UUID.fromString(pathway)).query().listOfRows()
          .forEach(row -> rows.add(new HashMap<>(row)));
    }
    return rows;
  }

  private static JsonNode lineOf(JsonNode period, String agency) {
    for (JsonNode line : period.path("lines")) {
      if (line.path("agencyId").asText().equals(agency)) {
        return line;
      }
    }
    throw new AssertionError("No line for agency " + agency + " in " + period);
  }

  private static String statusOf(JsonNode versions, String version) {
    for (JsonNode listed : versions) {
      if (listed.path("version").asText().equals(version)) {
        return listed.path("status").asText();
      }
    }
    throw new AssertionError(version + " not listed in " + versions);
  }

  private static RunningHub.Response upload(String decision, String drl) {
    return asAdmin(() -> hub.post("/admin/rule-packages/" + decision, Map.of("drl", drl, "note", "test")));
  }

  private static String uploaded(String decision, String drl) {
    RunningHub.Response created = upload(decision, drl);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.headers().get("location")).endsWith("/admin/rule-packages/" + decision + "/"
        + created.json().path("version").asText());
    assertThat(created.json().path("status").asText()).isEqualTo("DRAFT");
    return created.json().path("version").asText();
  }

  private static RunningHub.Response dryRun(String decision, String version, Map<String, Object> body) {
    return asAdmin(() -> hub.post("/admin/rule-packages/" + decision + "/" + version + "/dry-run", body));
  }

  /** The field the problem document names first, once its status is the one expected. */
  private static String field(RunningHub.Response refused, int status) {
    assertThat(refused.status()).as(refused.toString()).isEqualTo(status);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    return refused.json().path("errors").get(0).path("field").asText();
  }

  private static <T> T asAdmin(java.util.function.Supplier<T> calls) {
    return hub.as(hub.adminToken(), calls);
  }

  private static long storedPackages() {
    return hub.jdbc().sql("select count(*) from rule_package").query(Long.class).single();
  }
}
