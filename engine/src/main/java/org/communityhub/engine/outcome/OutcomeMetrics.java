package org.communityhub.engine.outcome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.Staff;
import org.communityhub.engine.payment.Payers;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.Period;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Outcome metrics of a payer's pathways (its payer of record) for a period, per pathway and agency with their
 * totals, de-identified: counts only, never a client, and every count from 1 to 10 suppressed together with
 * the counts that would give it away ({@link CellSuppression}). Definitions: docs/reports.md.
 */
@Service
public class OutcomeMetrics {

  /** The longest period one report covers. */
  static final int MAX_DAYS = 3 * 366;
  /** At least this weight is a healthy birth weight (the headline metric is low birth weight, under it). */
  static final int HEALTHY_BIRTH_WEIGHT_GRAMS = 2_500;
  /**
   * Enrolled in the first trimester: gestational age at opening under 14 weeks, i.e. the estimated due date
   * (at 280 days) at least 183 days after the opening.
   */
  static final int FIRST_TRIMESTER_DAYS_BEFORE_DUE = 183;
  static final String PREGNANCY = "PREGNANCY";

  private final JdbcClient jdbc;
  private final Payers payers;
  private final Staff staff;
  private final HubClock clock;

  OutcomeMetrics(JdbcClient jdbc, Payers payers, Staff staff, HubClock clock) {
    this.jdbc = jdbc;
    this.payers = payers;
    this.staff = staff;
    this.clock = clock;
  }

  /** One row: a pathway at an agency, a pathway's total (agency null), an agency's total (pathway null), or all. */
  public record Row(String pathwayCode, UUID agencyId, String agencyName, Long opened, Long completed,
      Long finishedIncomplete, Map<String, Long> finishedIncompleteByReason, BigDecimal completionRate,
      BigDecimal medianDaysToCompletion, Pregnancy pregnancy, List<String> suppressed) {}

  /** Pregnancy's own outcomes, on the Pregnancy rows only. Births are its completions (delivery completes it). */
  public record Pregnancy(Long births, Long healthyBirthWeight, Long lowBirthWeight, BigDecimal healthyBirthWeightRate,
      Long firstTrimesterEnrollments, Long laterEnrollments, BigDecimal firstTrimesterEnrollmentRate) {}

  public record Report(String payer, LocalDate from, LocalDate to, long smallestCountShown, List<Row> rows) {}

  @Transactional(readOnly = true)
  public Report report(String payerCode, LocalDate from, LocalDate to, Actor actor) {
    requireValidPeriod(from, to);
    staff.requireReaderOfPayerReports(payerCode, actor, "Outcome metrics");
    UUID payerId = payers.idOf(payerCode).orElseThrow(() -> new InvalidInput("payer", "unknown payer code"));
    Period period = new Period(from, to);

    Map<Key, Counts> counts = new LinkedHashMap<>();
    jdbc.sql(FACTS + """
            select code, agency_id, grouping(code) as all_codes, grouping(agency_id) as all_agencies,
                   count(*) filter (where opened) as opened,
                   count(*) filter (where completed) as completed,
                   count(*) filter (where finished) as finished,
                   count(*) filter (where completed and code = 'PREGNANCY' and healthy) as healthy,
                   count(*) filter (where completed and code = 'PREGNANCY' and not healthy) as low,
                   count(*) filter (where opened and code = 'PREGNANCY' and first_trimester) as first_trimester,
                   count(*) filter (where opened and code = 'PREGNANCY' and not first_trimester) as later,
                   percentile_cont(0.5) within group (order by days) filter (where completed) as median_days
              from facts
             where opened or completed or finished
             group by grouping sets ((code, agency_id), (code), (agency_id), ())""")
        .params(parameters(payerId, period))
        .query((rs, row) -> {
          Key key = new Key(rs.getInt("all_codes") == 1 ? null : rs.getString("code"),
              rs.getInt("all_agencies") == 1 ? null : rs.getObject("agency_id", UUID.class));
          double median = rs.getDouble("median_days");
          return Map.entry(key, new Counts(rs.getLong("opened"), rs.getLong("completed"), rs.getLong("finished"),
              rs.getLong("healthy"), rs.getLong("low"), rs.getLong("first_trimester"), rs.getLong("later"),
              rs.wasNull() ? null : median));
        })
        .list()
        .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));

    Map<Key, Map<String, Long>> byReason = new HashMap<>();
    Set<String> reasons = new TreeSet<>();
    jdbc.sql(FACTS + """
            select code, agency_id, close_reason, grouping(code) as all_codes, grouping(agency_id) as all_agencies,
                   count(*) as finished
              from facts
             where finished
             group by grouping sets ((code, agency_id, close_reason), (code, close_reason),
                                     (agency_id, close_reason), (close_reason))""")
        .params(parameters(payerId, period))
        .query(rs -> {
          Key key = new Key(rs.getInt("all_codes") == 1 ? null : rs.getString("code"),
              rs.getInt("all_agencies") == 1 ? null : rs.getObject("agency_id", UUID.class));
          String reason = rs.getString("close_reason");
          reasons.add(reason);
          byReason.computeIfAbsent(key, k -> new TreeMap<>()).put(reason, rs.getLong("finished"));
        });

    Table table = new Table(counts, byReason, reasons);
    BitSet suppressed = table.cells.suppress();
    Map<UUID, String> agencyNames = agencyNames(counts.keySet());
    List<Row> rows = counts.keySet().stream()
        .sorted(Comparator.comparing(Key::code, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(key -> key.agencyId() == null ? null : agencyNames.get(key.agencyId()),
                Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Key::agencyId, Comparator.nullsLast(Comparator.naturalOrder())))
        .map(key -> table.row(key, counts.get(key), suppressed, agencyNames.get(key.agencyId())))
        .toList();
    return new Report(payerCode, from, to, CellSuppression.SMALLEST_SHOWN, rows);
  }

  /**
   * One row per pathway of the payer that opened, completed or finished incomplete in the period, without
   * the records that should not have existed (closed as DUPLICATE or ENTERED_IN_ERROR). Completed on the
   * outcome step's date (when the outcome happened, as payments count it); finished incomplete on the day
   * the HUB closed it.
   */
  private static final String FACTS = """
      with facts as (
        select p.code, p.agency_id, p.close_reason,
               p.opened_on between :from and :to as opened,
               p.status = 'COMPLETED' and coalesce(o.occurred_on between :from and :to, false) as completed,
               p.status = 'FINISHED_INCOMPLETE'
                 and (p.closed_at at time zone :zone)::date between :from and :to as finished,
               greatest(0, o.occurred_on - p.opened_on) as days,
               coalesce(case when o.data ->> 'birthWeightGrams' ~ '^[0-9]{1,6}$'
                             then (o.data ->> 'birthWeightGrams')::int >= :healthyGrams end, false) as healthy,
               coalesce(case when p.opening_fields ->> 'estimatedDueDate' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
                             then (p.opening_fields ->> 'estimatedDueDate')::date - p.opened_on
                                  >= :firstTrimesterDays end, false) as first_trimester
          from pathway p
          join pathway_definition d on d.id = p.definition_id
          left join pathway_step o on p.status = 'COMPLETED' and o.pathway_id = p.id
                                  and o.step_code = d.descriptor ->> 'outcomeStep' and o.voided_at is null
         where p.payer_id = :payer
           and (p.opened_on between :from and :to or p.closed_at >= :start)
           and (p.close_reason is null or p.close_reason not in ('DUPLICATE', 'ENTERED_IN_ERROR'))
      )
      """;

  private Map<String, Object> parameters(UUID payerId, Period period) {
    return Map.of("payer", payerId, "from", period.from(), "to", period.to(),
        "start", Timestamp.from(period.start(clock.zone())), "zone", clock.zone().getId(),
        "healthyGrams", HEALTHY_BIRTH_WEIGHT_GRAMS, "firstTrimesterDays", FIRST_TRIMESTER_DAYS_BEFORE_DUE);
  }

  private static void requireValidPeriod(LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      throw new InvalidInput("from", "must not be after to");
    }
    if (java.time.temporal.ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw new InvalidInput("from", "the period may span at most " + MAX_DAYS + " days");
    }
  }

  private Map<UUID, String> agencyNames(Set<Key> keys) {
    List<UUID> ids = keys.stream().map(Key::agencyId).filter(Objects::nonNull).distinct().toList();
    Map<UUID, String> names = new HashMap<>();
    if (!ids.isEmpty()) {
      jdbc.sql("select id, name from agency where id in (:ids)").param("ids", ids)
          .query(rs -> {
            names.put(rs.getObject("id", UUID.class), rs.getString("name"));
          });
    }
    return names;
  }

  /** A pathway code and an agency; null stands for "all" (a total). */
  private record Key(String code, UUID agencyId) {}

  private record Counts(long opened, long completed, long finished, long healthy, long low, long firstTrimester,
      long later, Double medianDays) {}

  static final String OPENED = "opened";
  static final String COMPLETED = "completed";
  static final String FINISHED = "finishedIncomplete";
  static final String BY_REASON = "finishedIncompleteByReason.";
  static final String COMPLETION_RATE = "completionRate";
  static final String MEDIAN_DAYS = "medianDaysToCompletion";
  static final String BIRTHS = "pregnancy.births";
  static final String HEALTHY = "pregnancy.healthyBirthWeight";
  static final String LOW = "pregnancy.lowBirthWeight";
  static final String HEALTHY_RATE = "pregnancy.healthyBirthWeightRate";
  static final String FIRST_TRIMESTER = "pregnancy.firstTrimesterEnrollments";
  static final String LATER = "pregnancy.laterEnrollments";
  static final String FIRST_TRIMESTER_RATE = "pregnancy.firstTrimesterEnrollmentRate";

  /** Every published count of the report as a cell, and every sum a reader could subtract from. */
  private static final class Table {

    final CellSuppression cells = new CellSuppression();
    final Map<Key, Map<String, Integer>> index = new HashMap<>();
    final Set<String> reasons;

    Table(Map<Key, Counts> counts, Map<Key, Map<String, Long>> byReason, Set<String> reasons) {
      this.reasons = reasons;
      counts.forEach((key, c) -> {
        Map<String, Integer> of = index.computeIfAbsent(key, k -> new LinkedHashMap<>());
        of.put(OPENED, cells.cell(c.opened()));
        of.put(COMPLETED, cells.cell(c.completed()));
        of.put(FINISHED, cells.cell(c.finished()));
        for (String reason : reasons) {
          of.put(BY_REASON + reason, cells.cell(byReason.getOrDefault(key, Map.of()).getOrDefault(reason, 0L)));
        }
        if (PREGNANCY.equals(key.code())) {
          of.put(HEALTHY, cells.cell(c.healthy()));
          of.put(LOW, cells.cell(c.low()));
          of.put(FIRST_TRIMESTER, cells.cell(c.firstTrimester()));
          of.put(LATER, cells.cell(c.later()));
        }
      });
      Set<String> codes = new TreeSet<>();
      Set<UUID> agencies = new TreeSet<>();
      index.keySet().forEach(key -> {
        if (key.code() != null) codes.add(key.code());
        if (key.agencyId() != null) agencies.add(key.agencyId());
      });
      Set<String> metrics = new TreeSet<>();
      index.values().forEach(of -> metrics.addAll(of.keySet()));
      for (String metric : metrics) {
        for (String code : codes) {
          sum(metric, new Key(code, null), agencies.stream().map(agency -> new Key(code, agency)).toList());
        }
        for (UUID agency : agencies) {
          sum(metric, new Key(null, agency), codes.stream().map(code -> new Key(code, agency)).toList());
        }
        sum(metric, new Key(null, null), codes.stream().map(code -> new Key(code, null)).toList());
        sum(metric, new Key(null, null), agencies.stream().map(agency -> new Key(null, agency)).toList());
      }
      index.forEach((key, of) -> {
        if (!reasons.isEmpty()) {
          cells.sum(of.get(FINISHED), reasons.stream().map(reason -> of.get(BY_REASON + reason)).toList());
        }
        if (of.containsKey(HEALTHY)) {
          cells.sum(of.get(COMPLETED), List.of(of.get(HEALTHY), of.get(LOW)));
          cells.sum(of.get(OPENED), List.of(of.get(FIRST_TRIMESTER), of.get(LATER)));
        }
      });
    }

    /** total = sum of the parts that exist; nothing when the total does not exist for this metric. */
    private void sum(String metric, Key total, List<Key> parts) {
      Integer totalCell = index.getOrDefault(total, Map.of()).get(metric);
      List<Integer> partCells = parts.stream()
          .map(part -> index.getOrDefault(part, Map.of()).get(metric))
          .filter(Objects::nonNull)
          .toList();
      if (totalCell != null && !partCells.isEmpty()) {
        cells.sum(totalCell, partCells);
      }
    }

    Row row(Key key, Counts counts, BitSet suppressed, String agencyName) {
      Map<String, Integer> of = index.get(key);
      List<String> hidden = new ArrayList<>();
      java.util.function.Function<String, Long> published = metric -> {
        int cell = of.get(metric);
        if (suppressed.get(cell)) {
          hidden.add(metric);
          return null;
        }
        return cells.value(cell);
      };
      Long opened = published.apply(OPENED);
      Long completed = published.apply(COMPLETED);
      Long finished = published.apply(FINISHED);
      Map<String, Long> byReason = new LinkedHashMap<>();
      reasons.forEach(reason -> byReason.put(reason, published.apply(BY_REASON + reason)));
      BigDecimal completionRate = rate(COMPLETION_RATE, of.get(COMPLETED), List.of(of.get(COMPLETED), of.get(FINISHED)),
          suppressed, hidden);
      BigDecimal median = null;
      if (completed == null) {
        hidden.add(MEDIAN_DAYS);
      } else if (counts.medianDays() != null) {
        median = BigDecimal.valueOf(counts.medianDays()).setScale(1, RoundingMode.HALF_UP);
      }
      Pregnancy pregnancy = null;
      if (of.containsKey(HEALTHY)) {
        if (completed == null) {
          hidden.add(BIRTHS);
        }
        Long healthy = published.apply(HEALTHY);
        Long low = published.apply(LOW);
        BigDecimal healthyRate = rate(HEALTHY_RATE, of.get(HEALTHY), List.of(of.get(HEALTHY), of.get(LOW)),
            suppressed, hidden);
        Long firstTrimester = published.apply(FIRST_TRIMESTER);
        Long later = published.apply(LATER);
        BigDecimal firstTrimesterRate = rate(FIRST_TRIMESTER_RATE, of.get(FIRST_TRIMESTER),
            List.of(of.get(FIRST_TRIMESTER), of.get(LATER)), suppressed, hidden);
        pregnancy = new Pregnancy(completed, healthy, low, healthyRate, firstTrimester, later, firstTrimesterRate);
      }
      return new Row(key.code(), key.agencyId(), agencyName, opened, completed, finished, byReason, completionRate,
          median, pregnancy, List.copyOf(hidden));
    }

    /**
     * numerator / (sum of the denominator's cells), three decimals; suppressed when any of its counts is (a
     * published rate and one published count would give the other away); null when the denominator is 0.
     */
    private BigDecimal rate(String name, int numerator, List<Integer> denominator, BitSet suppressed,
        List<String> hidden) {
      if (denominator.stream().anyMatch(suppressed::get) || suppressed.get(numerator)) {
        hidden.add(name);
        return null;
      }
      long whole = denominator.stream().mapToLong(cells::value).sum();
      return whole == 0 ? null
          : BigDecimal.valueOf(cells.value(numerator)).divide(BigDecimal.valueOf(whole), 3, RoundingMode.HALF_UP);
    }
  }
}
