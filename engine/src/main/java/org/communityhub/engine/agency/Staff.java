package org.communityhub.engine.agency;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.NotFound;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Agencies and their staff. Passwords are kept as bcrypt hashes and checked once per login; a deactivated
 * member's tokens stop working at once because every token carries the member's token version.
 */
@Service
public class Staff {

  private final JdbcClient jdbc;
  private final PasswordEncoder passwords;
  private final HubClock clock;
  /** A hash of nothing anyone knows, so a login for an unknown name costs as much as one for a known name. */
  private final String unknownUserHash;

  Staff(JdbcClient jdbc, PasswordEncoder passwords, HubClock clock) {
    this.jdbc = jdbc;
    this.passwords = passwords;
    this.clock = clock;
    this.unknownUserHash = passwords.encode(UUID.randomUUID().toString());
  }

  public record NewAgency(@NotBlank @Size(max = 200) String name, @NotNull AgencyKind kind,
      @Size(max = 64) String payerCode) {}

  public record NewMember(
      @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9._-]+", message = "lower-case letters, digits, . _ -")
      String username,
      @NotBlank @Size(min = 12, max = 200) String password,
      @NotNull Role role,
      @NotNull UUID agencyId) {}

  @Transactional
  public Agency createAgency(NewAgency request) {
    UUID id = UUID.randomUUID();
    jdbc.sql("insert into agency (id, name, kind) values (?, ?, ?)")
        .params(id, request.name().strip(), request.kind().name()).update();
    if (request.kind() == AgencyKind.PAYER) {
      if (request.payerCode() == null || request.payerCode().isBlank()) {
        throw new InvalidInput("payerCode", "required for a PAYER agency");
      }
      int linked = jdbc.sql("update payer set agency_id = ? where code = ? and agency_id is null")
          .params(id, request.payerCode()).update();
      if (linked == 0) {
        throw new InvalidInput("payerCode", "no payer with this code, or it already has an agency");
      }
    } else if (request.payerCode() != null) {
      throw new InvalidInput("payerCode", "only a PAYER agency names a payer");
    }
    return agency(id).orElseThrow();
  }

  /**
   * Reports on a payer's pathways: HUB admins read every payer's, a funder only their own payer's (another
   * payer answers as an unknown code: its existence does not leak), care staff none.
   */
  public void requireReaderOfPayerReports(String payerCode, Actor actor, String reports) {
    switch (actor.role()) {
      case HUB_ADMIN -> { }
      case FUNDER -> {
        String own = agency(actor.agencyId()).map(Agency::payerCode).orElse(null);
        if (!payerCode.equals(own)) {
          throw new InvalidInput("payer", "unknown payer code");
        }
      }
      case CHW, SUPERVISOR, PARTNER -> throw new Forbidden(reports + " are for funders and HUB administrators");
    }
  }

  public Optional<Agency> agency(UUID id) {
    return jdbc.sql("""
            select a.id, a.name, a.kind, p.code as payer_code
              from agency a left join payer p on p.agency_id = a.id
             where a.id = ?""")
        .param(id)
        .query((rs, row) -> new Agency(rs.getObject("id", UUID.class), rs.getString("name"),
            AgencyKind.valueOf(rs.getString("kind")), rs.getString("payer_code")))
        .optional();
  }

  @Transactional
  public StaffMember createMember(NewMember request) {
    Agency agency = agency(request.agencyId())
        .orElseThrow(() -> new InvalidInput("agencyId", "no agency with this id"));
    if (agency.kind() != request.role().agencyKind()) {
      throw new InvalidInput("role", "a " + request.role() + " belongs to a " + request.role().agencyKind()
          + " agency, not a " + agency.kind());
    }
    UUID id = UUID.randomUUID();
    try {
      jdbc.sql("""
              insert into app_user (id, username, password_hash, role, agency_id, created_at)
              values (?, ?, ?, ?, ?, ?)""")
          .params(id, request.username(), passwords.encode(request.password()), request.role().name(),
              request.agencyId(), Timestamp.from(clock.now()))
          .update();
    } catch (DuplicateKeyException taken) {
      throw new InvalidInput("username", "already taken");
    }
    return member(id).orElseThrow();
  }

  /** The member whose password matches, if active. The only place a password hash is checked. */
  @Transactional(readOnly = true)
  public Optional<StaffMember> authenticate(String username, String password) {
    var found = jdbc.sql("select * from app_user where username = ?")
        .param(username)
        .query((rs, row) -> new Credentials(mapMember(rs), rs.getString("password_hash")))
        .optional();
    if (found.isEmpty()) {
      passwords.matches(password, unknownUserHash);
      return Optional.empty();
    }
    Credentials credentials = found.get();
    boolean matches = passwords.matches(password, credentials.passwordHash());
    return matches && credentials.member().active() ? Optional.of(credentials.member()) : Optional.empty();
  }

  /**
   * Keeps a row for a person of an external identity provider (oidc profile), so that assignments and the
   * audit log can name them. The row has no usable password: such a person never signs in here.
   */
  @Transactional
  public void rememberExternal(UUID id, String subject, Role role, UUID agencyId) {
    jdbc.sql("""
            insert into app_user (id, username, password_hash, role, agency_id, created_at)
            values (?, ?, '!external', ?, ?, ?)
            on conflict (id) do update set role = excluded.role, agency_id = excluded.agency_id""")
        .params(id, "oidc:" + subject, role.name(), agencyId, Timestamp.from(clock.now()))
        .update();
  }

  /** The member a token names, if still active and the token is not older than their last deactivation. */
  public Optional<StaffMember> activeMember(UUID id, int tokenVersion) {
    return member(id).filter(member -> member.active() && member.tokenVersion() == tokenVersion);
  }

  public Optional<StaffMember> member(UUID id) {
    return jdbc.sql("select * from app_user where id = ?").param(id).query(MEMBER).optional();
  }

  public List<StaffMember> members() {
    return jdbc.sql("select * from app_user order by username").query(MEMBER).list();
  }

  @Transactional(readOnly = true)
  public boolean hasAdministrator() {
    return jdbc.sql("select count(*) from app_user where role = 'HUB_ADMIN' and active")
        .query(Long.class).single() > 0;
  }

  /**
   * Deactivates a member: their tokens stop working at once, and their clients move to another member of
   * the same agency.
   */
  @Transactional
  public StaffMember deactivate(UUID id, UUID reassignTo) {
    StaffMember member = member(id).orElseThrow(() -> new NotFound("User", id));
    if (reassignTo != null) {
      StaffMember successor = member(reassignTo)
          .filter(StaffMember::active)
          .orElseThrow(() -> new InvalidInput("reassignTo", "no active user with this id"));
      if (!successor.agencyId().equals(member.agencyId()) || successor.id().equals(member.id())) {
        throw new InvalidInput("reassignTo", "must be another active member of the same agency");
      }
      jdbc.sql("update client set assigned_user_id = ? where assigned_user_id = ?").params(reassignTo, id).update();
    } else if (jdbc.sql("select count(*) from client where assigned_user_id = ?").param(id)
        .query(Long.class).single() > 0) {
      throw new InvalidInput("reassignTo", "required: this user has assigned clients");
    }
    jdbc.sql("""
            update app_user set active = false, token_version = token_version + 1, deactivated_at = ?
             where id = ?""")
        .params(Timestamp.from(clock.now()), id).update();
    return member(id).orElseThrow();
  }

  private record Credentials(StaffMember member, String passwordHash) {}

  private static final RowMapper<StaffMember> MEMBER = (rs, row) -> mapMember(rs);

  private static StaffMember mapMember(ResultSet rs) throws SQLException {
    return new StaffMember(rs.getObject("id", UUID.class), rs.getString("username"),
        Role.valueOf(rs.getString("role")), rs.getObject("agency_id", UUID.class), rs.getBoolean("active"),
        rs.getInt("token_version"));
  }

}
