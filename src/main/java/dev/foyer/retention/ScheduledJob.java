package dev.foyer.retention;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A job that every node schedules and one node at a time runs: its row is the lease. A node that
 * holds the row lock and finds the next run due takes the run and moves the next run on.
 */
@Entity
@Table(name = "scheduled_job")
public class ScheduledJob {
  @Id
  @Column(length = 64)
  private String name;

  @Column(name = "next_run_at", nullable = false)
  private Instant nextRunAt;

  protected ScheduledJob() {}

  ScheduledJob(String name, Instant nextRunAt) {
    this.name = name;
    this.nextRunAt = nextRunAt;
  }

  /**
   * @return whether the run at {@code now} is this caller's; then the next one is due at {@code
   *     next}
   */
  boolean claim(Instant now, Instant next) {
    if (nextRunAt.isAfter(now)) {
      return false;
    }
    nextRunAt = next;
    return true;
  }
}
