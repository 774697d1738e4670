package dev.foyer.members.entity;

import dev.foyer.secrets.Randomness;
import dev.foyer.spaces.entity.Event;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A member entering an event: the reconciliation trail of seed 000 ("the events they joined"). */
@Entity
@Table(
    name = "event_join",
    indexes = @Index(name = "event_join_member", columnList = "member_id, event_key"))
@NamedQuery(
    name = EventJoin.OF_MEMBER,
    query =
        "select j from EventJoin j join fetch j.event where j.member = :member order by j.joinedAt")
@NamedQuery(
    name = EventJoin.COUNT,
    query = "select count(j) from EventJoin j where j.member = :member and j.event = :event")
public class EventJoin {
  public static final String OF_MEMBER = "EventJoin.ofMember";
  public static final String COUNT = "EventJoin.count";

  @Id
  @Column(length = 36)
  private String id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "member_id")
  private Member member;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "event_key")
  private Event event;

  @Column(name = "joined_at", nullable = false)
  private Instant joinedAt;

  protected EventJoin() {}

  public EventJoin(Member member, Event event, Instant now) {
    this.id = Randomness.uuid();
    this.member = member;
    this.event = event;
    this.joinedAt = now;
  }

  public Event event() {
    return event;
  }

  public Instant joinedAt() {
    return joinedAt;
  }
}
