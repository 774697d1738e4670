package dev.foyer.members.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/**
 * One row of a member's search terms ({@link SearchTerms}). It carries the member's space so that
 * the index (space, term) answers a prefix within one space without reading another's members.
 */
@Embeddable
public class SearchTerm {
  @Column(name = "space_id", nullable = false, length = 36)
  private String spaceId;

  @Column(nullable = false, length = SearchTerms.MAX)
  private String term;

  protected SearchTerm() {}

  SearchTerm(String spaceId, String term) {
    this.spaceId = spaceId;
    this.term = term;
  }

  public String term() {
    return term;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SearchTerm that
        && Objects.equals(spaceId, that.spaceId)
        && Objects.equals(term, that.term);
  }

  @Override
  public int hashCode() {
    return Objects.hash(spaceId, term);
  }
}
