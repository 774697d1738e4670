package dev.foyer.spaces.boundary;

import dev.foyer.spaces.entity.Space;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A part of a space's configuration that a door keeps in its own tables (its identity providers,
 * its JWT SSO settings), exported and imported with the space under the door's own name in the
 * document of {@code GET}/{@code PUT /api/admin/spaces/{slug}/configuration}. The configuration
 * resource calls every implementation, so the spine knows no door. A door writes and reads its
 * section in the shape of its own admin API's requests (one vocabulary) through {@link
 * ConfigurationDocument}, and applies it through its admin API's own checks. Runs inside the
 * import's one transaction: a refusal anywhere leaves everything as it was.
 */
public interface ConfigurationSection {
  /** The section's name in the document, e.g. {@code identityProviders}. */
  String name();

  /**
   * The section as exported, in a stable order and without any secret; empty when the space has
   * nothing of it.
   */
  Optional<JsonValue> export(Space space);

  /**
   * Reads and checks the section before anything is written: its shape (every field known), names
   * given twice, and what the space's stored settings must supply (a secret the document leaves
   * out). Refusals are thrown.
   *
   * @param space the space imported into; empty when the import makes it
   * @param section the section, or {@link JsonValue#NULL} when the document leaves it out: then the
   *     space has none of it (the door decides what that means for what it stored)
   */
  Change check(Optional<Space> space, JsonValue section);

  /** A checked section, applied once every section of the document has been checked. */
  @FunctionalInterface
  interface Change {
    /** Applies the section to the space with the checks of the door's admin API. */
    Applied apply(Space space);
  }

  /**
   * What an import did beyond what the document says.
   *
   * @param secrets secrets the import made, by name, to show once (never stored in clear)
   * @param removed what the space had and the document does not name (ids, aliases)
   */
  record Applied(Map<String, String> secrets, List<String> removed) {
    public static final Applied NOTHING = new Applied(Map.of(), List.of());
  }
}
