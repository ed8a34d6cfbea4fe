package org.communityhub.engine.worklist;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.Forbidden;
import org.communityhub.engine.agency.Role;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's worklist: a CHW's own clients (assigned to them), a supervisor's whole agency with a caseload
 * per CHW. Set-based SQL over the open pathways of the scope; the lists are bounded, the counts are not.
 * Due dates: see {@link DueDates} and docs/reports.md.
 */
@Service
public class Worklist {

  /** The monthly-contact rule: a client of an open pathway not reached for this many days is listed. */
  public static final int CONTACT_EVERY_DAYS = 30;
  public static final int MAX_LIMIT = 500;
  public static final int MAX_CLOSE_TO_LIMIT_DAYS = 90;

  private final JdbcClient jdbc;
  private final HubClock clock;

  Worklist(JdbcClient jdbc, HubClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public record Answer(LocalDate asOf, int closeToTimeLimitDays, int contactEveryDays, Counts counts,
      List<PathwayItem> pathways, List<ClientItem> clientsWithoutContact, List<Caseload> caseloads) {}

  public record Counts(long clients, long openPathways, long overdue, long closeToTimeLimit,
      long clientsWithoutContact) {}

  /**
   * An open pathway: the next step expected (the first step of the definition not recorded yet, leaving out
   * the steps that end it early), the day it is due and how it stands.
   */
  public record PathwayItem(UUID pathwayId, UUID clientId, String givenName, String familyName,
      UUID assignedUserId, String pathwayCode, String typeCode, LocalDate openedOn, LocalDate timeLimit,
      long daysToTimeLimit, NextStep nextStep, LocalDate dueOn, boolean overdue, boolean closeToTimeLimit,
      String closeRequested) {}

  /** notBefore: for a step that waits (e.g. employment verified 30 days after the job started), its first day. */
  public record NextStep(String code, String name, LocalDate notBefore) {}

  public record ClientItem(UUID clientId, String givenName, String familyName, UUID assignedUserId,
      Instant lastContactAt) {}

  /** A CHW's caseload (userId null: the agency's clients nobody is assigned to). */
  public record Caseload(UUID userId, String username, long clients, long openPathways, long overdue,
      long closeToTimeLimit, long clientsWithoutContact) {}

  @Transactional(readOnly = true)
  public Answer of(Actor actor, int closeToTimeLimitDays, int limit) {
    if (actor.role() != Role.CHW && actor.role() != Role.SUPERVISOR) {
      throw new Forbidden("The worklist is for CHWs and supervisors");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInput("limit", "must be from 1 to " + MAX_LIMIT);
    }
    if (closeToTimeLimitDays < 0 || closeToTimeLimitDays > MAX_CLOSE_TO_LIMIT_DAYS) {
      throw new InvalidInput("closeToTimeLimitDays", "must be from 0 to " + MAX_CLOSE_TO_LIMIT_DAYS);
    }
    LocalDate today = clock.today();
    DueDates due = new DueDates(today, closeToTimeLimitDays);
    Map<String, Object> scope = new HashMap<>();
    scope.put("agency", actor.agencyId());
    scope.put("user", actor.userId());
    // Two query shapes, not one with "(:user is null or ...)": a CHW's worklist starts from their clients
    // (index client_assigned) whatever the agency's size; a nullable filter would make PostgreSQL's cached
    // generic plan read every open pathway of the agency for every CHW.
    String members = actor.role() == Role.CHW ? "c.assigned_user_id = :user and c.merged_into is null"
        : "c.merged_into is null";
    String openPathways = openPathways(members);
    String notContacted = notContacted(members);
    scope.put("today", today);
    scope.put("soon", due.closeToLimitUntil());
    scope.put("since", Timestamp.from(clock.now().minus(CONTACT_EVERY_DAYS, ChronoUnit.DAYS)));
    scope.put("limit", limit);

    List<PathwayItem> pathways = jdbc.sql(openPathways + """
            select * from dated order by due_on, id limit :limit""")
        .params(scope)
        .query((rs, row) -> {
          LocalDate timeLimit = rs.getObject("due_date", LocalDate.class);
          LocalDate dueOn = rs.getObject("due_on", LocalDate.class);
          String next = rs.getString("next_code");
          return new PathwayItem(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
              rs.getString("given_name"), rs.getString("family_name"), rs.getObject("assigned_user_id", UUID.class),
              rs.getString("code"), rs.getString("type_code").isEmpty() ? null : rs.getString("type_code"),
              rs.getObject("opened_on", LocalDate.class), timeLimit, due.daysTo(timeLimit),
              next == null ? null : new NextStep(next, rs.getString("next_name"),
                  rs.getObject("not_before", LocalDate.class)),
              dueOn, due.overdue(dueOn), due.closeToTimeLimit(timeLimit), rs.getString("close_requested_reason"));
        })
        .list();

    Map<UUID, long[]> perMember = new LinkedHashMap<>();
    jdbc.sql(openPathways + """
            select assigned_user_id, count(distinct client_id) as clients, count(*) as open,
                   count(*) filter (where due_on < :today) as overdue,
                   count(*) filter (where due_date between :today and :soon) as close
              from dated group by assigned_user_id""")
        .params(scope)
        .query(rs -> {
          long[] counts = perMember.computeIfAbsent(rs.getObject("assigned_user_id", UUID.class), k -> new long[5]);
          counts[0] = rs.getLong("clients");
          counts[1] = rs.getLong("open");
          counts[2] = rs.getLong("overdue");
          counts[3] = rs.getLong("close");
        });

    List<ClientItem> withoutContact = jdbc.sql(notContacted + """
            select * from not_contacted order by last_contact nulls first, id limit :limit""")
        .params(scope)
        .query((rs, row) -> new ClientItem(rs.getObject("id", UUID.class), rs.getString("given_name"),
            rs.getString("family_name"), rs.getObject("assigned_user_id", UUID.class),
            rs.getTimestamp("last_contact") == null ? null : rs.getTimestamp("last_contact").toInstant()))
        .list();
    jdbc.sql(notContacted + """
            select assigned_user_id, count(*) as clients from not_contacted group by assigned_user_id""")
        .params(scope)
        .query(rs -> {
          perMember.computeIfAbsent(rs.getObject("assigned_user_id", UUID.class), k -> new long[5])[4] =
              rs.getLong("clients");
        });

    long[] total = new long[5];
    perMember.values().forEach(counts -> {
      for (int i = 0; i < total.length; i++) {
        total[i] += counts[i];
      }
    });
    List<Caseload> caseloads = actor.role() == Role.SUPERVISOR ? caseloads(actor.agencyId(), perMember) : null;
    return new Answer(today, closeToTimeLimitDays, CONTACT_EVERY_DAYS,
        new Counts(total[0], total[1], total[2], total[3], total[4]), pathways, withoutContact, caseloads);
  }

  /** Every active CHW of the agency (an empty caseload too), then anyone else holding clients, then nobody's. */
  private List<Caseload> caseloads(UUID agency, Map<UUID, long[]> perMember) {
    Map<UUID, String> names = new LinkedHashMap<>();
    jdbc.sql("""
            select id, username from app_user
             where agency_id = ? and ((role = 'CHW' and active) or id in (
                   select assigned_user_id from client where agency_id = ? and assigned_user_id is not null))
             order by username""")
        .params(agency, agency)
        .query(rs -> {
          names.put(rs.getObject("id", UUID.class), rs.getString("username"));
        });
    List<Caseload> caseloads = new ArrayList<>();
    names.forEach((id, username) -> caseloads.add(caseload(id, username, perMember.getOrDefault(id, new long[5]))));
    perMember.forEach((id, counts) -> {
      if (id == null || !names.containsKey(id)) {
        caseloads.add(caseload(id, null, counts));
      }
    });
    return caseloads;
  }

  private static Caseload caseload(UUID id, String username, long[] counts) {
    return new Caseload(id, username, counts[0], counts[1], counts[2], counts[3], counts[4]);
  }

  /**
   * The scope's open pathways with their next expected step and the day it is due: the first step of the
   * pathway's own definition version not recorded yet (steps that end it early left out); due on the day its
   * wait ends if it waits for an earlier step's date, otherwise on the time limit.
   */
  private static String openPathways(String members) {
    return """
      with open as (
        select p.id, p.client_id, p.code, p.type_code, p.opened_on, p.due_date, p.definition_id,
               p.close_requested_reason, c.given_name, c.family_name, c.assigned_user_id
          from pathway p
          join client c on c.id = p.client_id
         where p.status = 'ACTIVE' and p.agency_id = :agency and %s
      ),
      steps as (
        select d.id as definition_id, e.ord, e.step ->> 'code' as code, e.step ->> 'name' as name,
               e.step -> 'waitsFor' ->> 'afterStep' as wait_step, e.step -> 'waitsFor' ->> 'afterField' as wait_field,
               (e.step -> 'waitsFor' ->> 'days')::int as wait_days
          from pathway_definition d
          cross join lateral jsonb_array_elements(d.descriptor -> 'steps') with ordinality as e(step, ord)
         where d.id in (select definition_id from open)
           and e.step ->> 'finishesIncomplete' is null
      ),
      dated as (
        select o.*, n.code as next_code, n.name as next_name, w.not_before,
               least(w.not_before, o.due_date) as due_on
          from open o
          left join lateral (
            select s.code, s.name, s.wait_step, s.wait_field, s.wait_days from steps s
             where s.definition_id = o.definition_id
               and not exists (select 1 from pathway_step r where r.pathway_id = o.id and r.step_code = s.code
                                 and r.voided_at is null)
             order by s.ord limit 1) n on true
          left join lateral (
            select (r.data ->> n.wait_field)::date + n.wait_days as not_before from pathway_step r
             where r.pathway_id = o.id and r.step_code = n.wait_step and r.voided_at is null) w on true
      )
      """.formatted(members);
  }

  /** The scope's clients with an open pathway, not merged away, not reached by a visit or a call since :since. */
  private static String notContacted(String members) {
    return """
      with caseload as (
        select c.id, c.given_name, c.family_name, c.assigned_user_id
          from client c
         where c.agency_id = :agency and %s
           and exists (select 1 from pathway p where p.client_id = c.id and p.status = 'ACTIVE' and p.agency_id = :agency)
      ),
      not_contacted as (
        select l.*, k.last_contact
          from caseload l
          left join lateral (select max(occurred_at) as last_contact from client_contact k
                              where k.client_id = l.id and k.kind <> 'ATTEMPT') k on true
         where k.last_contact is null or k.last_contact < :since
      )
      """.formatted(members);
  }
}
