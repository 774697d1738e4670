package dev.foyer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.foyer.doors.Door;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of DESIGN.md, checked on the compiled main classes. A door package is found,
 * not listed: it is the top-level package of a class implementing {@link Door}, so a new door is
 * held to these rules the moment it plugs in.
 */
class ArchitectureTest {
  static final String ROOT = "dev.foyer";
  static final String COMPOSITION_ROOT = ROOT + ".doors";

  static JavaClasses classes;
  static Set<String> doorPackages;
  static Set<String> spinePackages;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    doorPackages = new TreeSet<>();
    spinePackages = new TreeSet<>();
    for (var type : classes) {
      var top = topLevelPackage(type);
      if (top != null && !top.equals(COMPOSITION_ROOT)) {
        (isDoor(type) ? doorPackages : spinePackages).add(top);
      }
    }
    spinePackages.removeAll(doorPackages);
  }

  @Test
  void findsTheDoorsAndTheSpine() {
    // Guards the rules below against vacuous truth: a rule over no packages passes anything.
    assertThat(doorPackages).contains(ROOT + ".uriauth", ROOT + ".jwtsso", ROOT + ".password");
    assertThat(spinePackages)
        .contains(
            ROOT + ".signin",
            ROOT + ".members",
            ROOT + ".sessions",
            ROOT + ".spaces",
            ROOT + ".problems");
  }

  @Test
  void theSpineImportsNoDoorAndNotTheCompositionRoot() {
    var forbidden = new ArrayList<String>();
    doorPackages.forEach(door -> forbidden.add(door + ".."));
    forbidden.add(COMPOSITION_ROOT + "..");
    noClasses()
        .that()
        .resideInAnyPackage(within(spinePackages))
        .or()
        .resideInAPackage(ROOT)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden.toArray(String[]::new))
        .because("the spine is closed for change: a door plugs into it, never the other way round")
        .check(classes);
  }

  @Test
  void doorsDoNotImportEachOther() {
    for (var door : doorPackages) {
      var others =
          doorPackages.stream()
              .filter(other -> !other.equals(door))
              .map(other -> other + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage(door + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .because("each door is one package that plugs into the spine")
          .check(classes);
    }
  }

  @Test
  void pac4jStaysInTheCompositionRootAndTheDoors() {
    var allowed = new ArrayList<String>(List.of(COMPOSITION_ROOT + ".."));
    doorPackages.forEach(door -> allowed.add(door + ".."));
    noClasses()
        .that()
        .resideOutsideOfPackages(allowed.toArray(String[]::new))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.pac4j..")
        .because("pac4j types stop at the asserted identity")
        .check(classes);
  }

  @Test
  void joseAndSamlStayInTheirDoors() {
    noClasses()
        .that()
        .resideOutsideOfPackages(ROOT + ".jwtsso..", ROOT + ".federation..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.nimbusds..")
        .because("nimbus is JWT SSO's verifier and OpenID Connect's (pac4j-oidc), nobody else's")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".federation.saml..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.keycloak..", "org.opensaml..", "org.apache.xml.security..")
        .because(
            "keycloak-saml-core and xmlsec stay in federation.saml, SAML's engine (its validation is"
                + " Foyer's own there)")
        .check(classes);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  private static boolean isDoor(JavaClass type) {
    return !type.isInterface() && type.isAssignableTo(Door.class);
  }

  private static String topLevelPackage(JavaClass type) {
    var name = type.getPackageName();
    if (!name.startsWith(ROOT + ".")) {
      return null;
    }
    var rest = name.substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return ROOT + "." + (dot < 0 ? rest : rest.substring(0, dot));
  }

  private static String[] within(Set<String> packages) {
    return packages.stream().map(name -> name + "..").toArray(String[]::new);
  }
}
