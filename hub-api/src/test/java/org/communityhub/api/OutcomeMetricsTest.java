package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outcome metrics on a payer of the test's own, so that no other test's pathway is counted. At agency A, 14
 * clients open Housing: 11 move in (completed), 1 declines (finished incomplete), 2 are still open; the first
 * of them also opens Pregnancy in the first trimester. At agency B one client opens Housing.
 */
@SharedRunningHub
class OutcomeMetricsTest {

  private static final LocalDate TODAY = RunningHub.today();

  static RunningHub hub;
  static String payer;
  static String agencyB;
  static String funder;
  static final List<String> identifiers = new ArrayList<>();

  @BeforeAll
  static void aPayersPathwaysAtTwoAgencies() {
    payer = ContractFixtures.newPayer(hub);
    funder = hub.createMemberAndLogin("funder-" + Personas.unique(), "FUNDER",
        hub.createAgency("Plan " + payer, "PAYER", payer));
    agencyB = hub.createAgency("Outcome Agency B " + Personas.unique(), "CARE_COORDINATION_AGENCY", null);
    String chwB = hub.createMemberAndLogin("chw-outcome-b-" + Personas.unique(), "CHW", agencyB);

    List<String> housingA = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      String client = coveredClient();
      housingA.add(hub.open(client, "HOUSING", Map.of()));
      if (i == 0) {
        identifiers.add(hub.open(client, "PREGNANCY", Map.of("estimatedDueDate", TODAY.plusDays(250).toString())));
      }
    }
    identifiers.addAll(housingA);
    for (String housing : housingA.subList(0, 11)) {
      hub.step(housing, "APPLICATION_SUBMITTED", TODAY.minusDays(20), Map.of(), null);
      hub.step(housing, "HOUSING_SECURED", TODAY.minusDays(10), Map.of(), null);
      hub.step(housing, "MOVED_IN", TODAY, Map.of(), RunningHub.evidence());
    }
    RunningHub.Response close = hub.post("/pathways/" + housingA.get(11) + "/close",
        Map.of("reason", "CLIENT_DECLINED"), RunningHub.newKey());
    assertThat(close.status()).as(close.toString()).isEqualTo(202);
    hub.as(chwB, () -> identifiers.add(hub.open(coveredClient(), "HOUSING", Map.of())));

    housingA.subList(0, 11).forEach(housing -> hub.awaitStatus(housing, "COMPLETED"));
    hub.awaitStatus(housingA.get(11), "FINISHED_INCOMPLETE");
  }

  private static String coveredClient() {
    Map<String, Object> registration = Personas.pregnantClientWithUnstableHousing();
    registration.put("coverage", Map.of("payer", payer, "memberId", "M-" + Personas.unique()));
    identifiers.add((String) registration.get("familyName"));
    String client = hub.register(registration);
    identifiers.add(client);
    RunningHub.Response checklist = hub.post("/clients/" + client + "/checklists",
        Personas.initialChecklistOfPregnantClientWithUnstableHousing());
    assertThat(checklist.status()).as(checklist.toString()).isEqualTo(201);
    return client;
  }

  private static String period() {
    return "payer=" + payer + "&from=" + TODAY.minusDays(30) + "&to=" + TODAY;
  }

  /** What happened, before suppression: (pathway or "", agency or "") → metric → count. */
  private static Map<String, Map<String, Long>> happened() {
    String a = RunningHub.DEFAULT_AGENCY;
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    counts.put("HOUSING|" + a, counts(14, 11, 1));
    counts.put("HOUSING|" + agencyB, counts(1, 0, 0));
    counts.put("PREGNANCY|" + a, counts(1, 0, 0));
    counts.put("HOUSING|", counts(15, 11, 1));
    counts.put("PREGNANCY|", counts(1, 0, 0));
    counts.put("|" + a, counts(15, 11, 1));
    counts.put("|" + agencyB, counts(1, 0, 0));
    counts.put("|", counts(16, 11, 1));
    for (String pregnancy : List.of("PREGNANCY|" + a, "PREGNANCY|")) {
      counts.get(pregnancy).putAll(Map.of("pregnancy.births", 0L, "pregnancy.healthyBirthWeight", 0L,
          "pregnancy.lowBirthWeight", 0L, "pregnancy.firstTrimesterEnrollments", 1L,
          "pregnancy.laterEnrollments", 0L));
    }
    return counts;
  }

  private static Map<String, Long> counts(long opened, long completed, long declined) {
    return new HashMap<>(Map.of("opened", opened, "completed", completed, "finishedIncomplete", declined,
        "finishedIncompleteByReason.CLIENT_DECLINED", declined));
  }

  @Test
  void countsWhatHappenedAndSuppressesEveryCountFromOneToTen() {
    JsonNode report = hub.as(funder, () -> hub.get("/reports/outcomes?" + period())).json();
    Map<String, Map<String, Long>> happened = happened();

    assertThat(report.path("smallestCountShown").asLong()).isEqualTo(11);
    Map<String, JsonNode> rows = rowsByKey(report);
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(happened.keySet());
    happened.forEach((key, metrics) -> metrics.forEach((metric, count) -> {
      JsonNode row = rows.get(key);
      boolean suppressed = suppressedMetrics(row).contains(metric);
      if (count >= 1 && count <= 10) {
        assertThat(suppressed).as("%s %s = %d is suppressed", key, metric, count).isTrue();
      }
      if (suppressed) {
        assertThat(value(row, metric).isNull()).as("%s %s is null", key, metric).isTrue();
      } else {
        assertThat(value(row, metric).asLong()).as("%s %s", key, metric).isEqualTo(count);
      }
    }));

    // Exactly what a funder sees: the 11 completions everywhere, the 16 openings in all; the lone refusal,
    // the lone opening at B and the Pregnancy opening are hidden, and so is every count that would give one away.
    JsonNode housingA = rows.get("HOUSING|" + RunningHub.DEFAULT_AGENCY);
    assertThat(housingA.path("completed").asLong()).isEqualTo(11);
    assertThat(housingA.path("medianDaysToCompletion").decimalValue()).isEqualByComparingTo("0");
    assertThat(housingA.path("opened").isNull()).as("14 = 15 at the pathway - 1 at B, hidden").isTrue();
    assertThat(suppressedMetrics(housingA)).contains("opened", "finishedIncomplete",
        "finishedIncompleteByReason.CLIENT_DECLINED", "completionRate");
    JsonNode all = rows.get("|");
    assertThat(all.path("opened").asLong()).isEqualTo(16);
    assertThat(all.path("completed").asLong()).isEqualTo(11);
    assertThat(all.path("finishedIncomplete").isNull()).isTrue();
    assertThat(rows.get("|" + RunningHub.DEFAULT_AGENCY).path("opened").isNull())
        .as("16 in all - 1 at B would give B's opening away").isTrue();
    JsonNode housingB = rows.get("HOUSING|" + agencyB);
    assertThat(housingB.path("completionRate").isNull()).isTrue();
    assertThat(suppressedMetrics(housingB)).doesNotContain("completionRate").as("nothing closed: no rate at all");
    JsonNode pregnancy = rows.get("PREGNANCY|" + RunningHub.DEFAULT_AGENCY).path("pregnancy");
    assertThat(pregnancy.path("firstTrimesterEnrollments").isNull()).isTrue();
    assertThat(pregnancy.path("firstTrimesterEnrollmentRate").isNull()).isTrue();
    assertThat(pregnancy.path("births").asLong()).isZero();
    assertThat(rows.get("HOUSING|" + RunningHub.DEFAULT_AGENCY).path("pregnancy").isNull()).isTrue();
  }

  @Test
  void noSuppressedCountCanBeRecoveredFromItsRowOrColumn() {
    Map<String, JsonNode> rows = rowsByKey(hub.as(funder, () -> hub.get("/reports/outcomes?" + period())).json());
    for (String metric : List.of("opened", "completed", "finishedIncomplete")) {
      Map<String, List<String>> sums = new LinkedHashMap<>();
      sums.put("HOUSING|", List.of("HOUSING|" + RunningHub.DEFAULT_AGENCY, "HOUSING|" + agencyB));
      sums.put("|" + RunningHub.DEFAULT_AGENCY, List.of("HOUSING|" + RunningHub.DEFAULT_AGENCY,
          "PREGNANCY|" + RunningHub.DEFAULT_AGENCY));
      sums.put("|", List.of("HOUSING|", "PREGNANCY|"));
      sums.put("|" + agencyB, List.of("HOUSING|" + agencyB));
      sums.forEach((total, parts) -> {
        long hidden = java.util.stream.Stream.concat(java.util.stream.Stream.of(total), parts.stream())
            .filter(key -> suppressedMetrics(rows.get(key)).contains(metric)).count();
        assertThat(hidden).as("%s: %s = %s, suppressed members", metric, total, parts).isNotEqualTo(1);
      });
    }
  }

  @Test
  void namesNoClientAndNoPathway() {
    String json = hub.as(funder, () -> hub.get("/reports/outcomes?" + period())).body();
    String csv = hub.as(funder, () -> hub.get("/reports/outcomes?" + period(), "text/csv")).body();

    for (String identifier : identifiers) {
      assertThat(json).doesNotContain(identifier);
      assertThat(csv).doesNotContain(identifier);
    }
  }

  @Test
  void theCsvSaysWhatTheJsonSays() {
    JsonNode report = hub.as(hub.adminToken(), () -> hub.get("/reports/outcomes?" + period())).json();
    RunningHub.Response csv = hub.as(hub.adminToken(), () -> hub.get("/reports/outcomes?" + period(), "text/csv"));
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");

    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).isEqualTo("payer,from,to,pathway_code,agency_id,agency_name,metric,value");
    Map<String, String> fromCsv = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String[] fields = lines[i].split(",", -1);
      assertThat(fields[0]).isEqualTo(payer);
      fromCsv.put(fields[3] + "|" + fields[4] + "|" + fields[6], fields[7]);
    }
    Map<String, String> fromJson = new LinkedHashMap<>();
    rowsByKey(report).forEach((key, row) -> {
      List<String> suppressed = suppressedMetrics(row);
      for (String metric : metricsOf(row)) {
        JsonNode value = value(row, metric);
        String expected = suppressed.contains(metric)
            ? (metric.endsWith("Rate") || metric.startsWith("median") ? "suppressed" : "<11")
            : value.isNull() ? "" : value.isIntegralNumber() ? value.asText() : value.decimalValue().toPlainString();
        fromJson.put(key + "|" + metric, expected);
      }
    });
    assertThat(fromCsv).isEqualTo(fromJson);
    assertThat(fromCsv).containsEntry("HOUSING|" + RunningHub.DEFAULT_AGENCY + "|completed", "11")
        .containsEntry("HOUSING|" + agencyB + "|opened", "<11");
  }

  @Test
  void isForFundersOfThePayerAndAdministrators() {
    assertThat(hub.get("/reports/outcomes?" + period()).status()).as("a CHW").isEqualTo(403);
    assertThat(hub.as(hub.adminToken(), () -> hub.get("/reports/outcomes?" + period())).status()).isEqualTo(200);
    String otherFunder = hub.createMemberAndLogin("funder-other-" + Personas.unique(), "FUNDER",
        hub.createAgency("Other plan", "PAYER", ContractFixtures.newPayer(hub)));
    RunningHub.Response other = hub.as(otherFunder, () -> hub.get("/reports/outcomes?" + period()));
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.body()).contains("payer");
  }

  @Test
  void refusesABackwardsOrEndlessPeriod() {
    RunningHub.Response backwards = hub.as(hub.adminToken(), () -> hub.get("/reports/outcomes?payer=" + payer
        + "&from=" + TODAY + "&to=" + TODAY.minusDays(1)));
    assertThat(backwards.status()).isEqualTo(422);
    assertThat(backwards.contentType()).startsWith("application/problem+json");
    assertThat(backwards.body()).contains("\"from\"");
    RunningHub.Response endless = hub.as(hub.adminToken(), () -> hub.get("/reports/outcomes?payer=" + payer
        + "&from=2000-01-01&to=" + TODAY));
    assertThat(endless.status()).isEqualTo(422);
    RunningHub.Response noDate = hub.as(hub.adminToken(), () -> hub.get("/reports/outcomes?payer=" + payer));
    assertThat(noDate.status()).isEqualTo(400);
  }

  /** Rows by "pathway|agency", an empty part meaning all. */
  private static Map<String, JsonNode> rowsByKey(JsonNode report) {
    Map<String, JsonNode> rows = new LinkedHashMap<>();
    for (JsonNode row : report.path("rows")) {
      String key = (row.path("pathwayCode").isNull() ? "" : row.path("pathwayCode").asText()) + "|"
          + (row.path("agencyId").isNull() ? "" : row.path("agencyId").asText());
      assertThat(rows.put(key, row)).as("one row per pathway and agency").isNull();
    }
    return rows;
  }

  private static List<String> suppressedMetrics(JsonNode row) {
    List<String> names = new ArrayList<>();
    row.path("suppressed").forEach(name -> names.add(name.asText()));
    return names;
  }

  private static JsonNode value(JsonNode row, String metric) {
    JsonNode node = row;
    for (String part : metric.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }

  private static List<String> metricsOf(JsonNode row) {
    List<String> metrics = new ArrayList<>(List.of("opened", "completed", "finishedIncomplete"));
    row.path("finishedIncompleteByReason").fieldNames()
        .forEachRemaining(reason -> metrics.add("finishedIncompleteByReason." + reason));
    metrics.addAll(List.of("completionRate", "medianDaysToCompletion"));
    if (!row.path("pregnancy").isNull() && !row.path("pregnancy").isMissingNode()) {
      Iterator<String> names = row.path("pregnancy").fieldNames();
      names.forEachRemaining(name -> metrics.add("pregnancy." + name));
    }
    return metrics;
  }
}
