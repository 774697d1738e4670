package dev.foyer.problems;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The spine and every door keep their codes in enums of their own; together they must still read as
 * one list: no code twice, and each one in README.md's table, where integrators look them up.
 */
class ProblemCodesTest {
  static List<ProblemCode> codes;

  @BeforeAll
  static void collectEveryEnumOfCodes() {
    codes = new ArrayList<>();
    new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.foyer")
            .stream()
            .filter(type -> type.isEnum() && type.isAssignableTo(ProblemCode.class))
            .forEach(
                type ->
                    codes.addAll(Arrays.asList((ProblemCode[]) type.reflect().getEnumConstants())));
  }

  @Test
  void findsTheSpinesAndTheDoorsCodes() {
    assertThat(codes)
        .extracting(ProblemCode::code)
        .contains("REQ405", "UAACCT2", "UASIG1", "JWT1", "PWD1", "MBR1", "GEN500");
  }

  @Test
  void noCodeIsUsedTwice() {
    assertThat(codes).extracting(ProblemCode::code).doesNotHaveDuplicates();
  }

  @Test
  void everyCodeIsInTheReadmesTableWithItsStatus() throws IOException {
    var readme = Files.readString(Path.of("README.md"));
    for (var code : codes) {
      assertThat(readme)
          .as(code.code())
          .contains("| `" + code.code() + "` | " + code.status() + " |");
    }
  }
}
