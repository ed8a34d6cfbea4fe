package org.communityhub.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class works on the one {@link RunningHub} this test JVM shares: started by the first class that
 * asks for it (embedded PostgreSQL, the local broker, the application: 20–40 s), stopped with its database
 * and broker when the JVM's test run ends, passed or failed. Each class gets a session of its own on it: the
 * administrator, and a new CHW of the seeded agency as the default caller.
 *
 * <p>Opting in: annotate the class and declare a static field; {@link SharedHub} sets it before any
 * {@code @BeforeAll} method runs (a {@code RunningHub} parameter of a test or lifecycle method works too):
 * <pre>{@code
 * @SharedRunningHub
 * class SomethingTest {
 *   static RunningHub hub;
 * }
 * }</pre>
 * Converting a class that starts its own: add the annotation and delete {@code hub = RunningHub.start(dataDir)};
 * the {@code @TempDir dataDir} field and the {@code @AfterAll} stop are then dead code to delete too (closing
 * a shared session stops nothing; {@link RunningHub#dataDir()} is the shared data directory).
 *
 * <p>The database is not empty and other classes have worked in it before, in any order: assert on the
 * objects the test created (its clients, pathways, payer, agency), never on global counts or totals; use a
 * fresh payer ({@code ContractFixtures.newPayer}) or agency when a report must add up to exact numbers.
 * Leave the HUB as other classes expect it: no new active pathway definitions, checklists or rule packages.
 *
 * <p>A class keeps {@code RunningHub.start(dataDir)} (with {@code @TempDir} and {@code @AfterAll close()})
 * when it needs an application of its own: one that kills the broker, starts the application with other
 * settings or profiles, or changes what every other class relies on (activates rule packages, publishes
 * new versions of standard definitions). {@link RunningHub#restart()} on the shared hub is allowed: the
 * application comes back on the same data and ports, as every class expects it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SharedHub.class)
@interface SharedRunningHub {}
