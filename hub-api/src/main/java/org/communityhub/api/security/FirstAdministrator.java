package org.communityhub.api.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.Role;
import org.communityhub.engine.agency.Staff;
import org.communityhub.engine.support.ClusterLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At the first start there is nobody to log in: this creates the administrator {@code admin} with a
 * generated password, written to {@code <secrets-dir>/initial-admin-password} readable by the owner only.
 * The password never reaches the log, and there is no default password anywhere in the code.
 */
@ConditionalOnProperty(name = "hub.auth.mode", havingValue = "local", matchIfMissing = true)
@Component
class FirstAdministrator implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);
  static final String USERNAME = "admin";
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private final Staff staff;
  private final AuthSettings settings;
  private final ClusterLocks clusterLocks;
  private final TransactionTemplate transactions;

  FirstAdministrator(Staff staff, AuthSettings settings, ClusterLocks clusterLocks,
      TransactionTemplate transactions) {
    this.staff = staff;
    this.settings = settings;
    this.clusterLocks = clusterLocks;
    this.transactions = transactions;
  }

  private volatile boolean running;

  /** Before the web server starts: the first request can already sign in. */
  @Override
  public void start() {
    running = true;
    // Instances starting together on an empty database take turns: one creates the administrator.
    transactions.executeWithoutResult(tx -> {
      clusterLocks.lockForTransaction(ClusterLocks.STARTUP_SEEDING);
      createUnlessPresent();
    });
  }

  private void createUnlessPresent() {
    if (staff.hasAdministrator()) {
      return;
    }
    String password = generatedPassword();
    Path file = settings.secretsDir().resolve("initial-admin-password");
    staff.createMember(new Staff.NewMember(USERNAME, password, Role.HUB_ADMIN, Actor.HUB_AGENCY));
    if (!OwnerOnlyFiles.createWith(file, password + "\n")) {
      throw new IllegalStateException(file + " exists from an earlier installation; remove it and restart");
    }
    log.warn("Created the first administrator '{}'; the password is in {} (readable by this user only)."
        + " Log in, create named administrators, and delete that file.", USERNAME, file.toAbsolutePath());
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return 0; // the web server starts at Integer.MAX_VALUE - 1
  }

  private static String generatedPassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}
