package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The names of a new project: defaults derived from the name, and what is refused. */
class NewProjectTest {

    @Test
    void everythingDefaultsFromTheName() {
        assertThat(NewProject.of("my-project", null, null))
                .isEqualTo(new NewProject("my-project", "com.example", "com.example.my_project", "MyProject"));
    }

    @Test
    void dotsAndUnderscoresAlsoBecomeUnderscoresInThePackage() {
        assertThat(NewProject.of("Sales.Daily_v2", null, null))
                .isEqualTo(new NewProject("Sales.Daily_v2", "com.example", "com.example.sales_daily_v2",
                        "SalesDailyV2Project"));
    }

    @Test
    void theGroupIdIsThePackagesParent() {
        assertThat(NewProject.of("weather", null, "com.acme.forecast"))
                .isEqualTo(new NewProject("weather", "com.acme", "com.acme.forecast", "WeatherProject"));
        assertThat(NewProject.of("weather", null, "forecast").groupId()).isEqualTo("com.example");
    }

    @Test
    void thePackageDefaultsUnderTheGroupId() {
        assertThat(NewProject.of("weather", "org.acme-labs", null))
                .isEqualTo(new NewProject("weather", "org.acme-labs", "org.acme_labs.weather", "WeatherProject"));
    }

    @Test
    void givenValuesAreKept() {
        assertThat(NewProject.of("weather", "org.acme", "io.forecast"))
                .isEqualTo(new NewProject("weather", "org.acme", "io.forecast", "WeatherProject"));
    }

    @Test
    void theClassNameIsPascalCase() {
        assertThat(NewProject.of("x", null, null).projectClass()).isEqualTo("XProject");
        assertThat(NewProject.of("data-pipeline-2", null, null).projectClass()).isEqualTo("DataPipeline2Project");
        assertThat(NewProject.of("churnProject", null, null).projectClass()).isEqualTo("ChurnProject");
    }

    @Test
    void anInvalidNameIsRefused() {
        for (String name : new String[] {"my project", "2fast", "-x", "x-", "a--b", "a/b", "", "é"}) {
            assertThatThrownBy(() -> NewProject.of(name, null, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid project name '" + name + "': use letters, digits and the separators '-', "
                            + "'_' and '.', starting with a letter and not ending with a separator (the name is the "
                            + "project's directory and Maven artifactId), e.g. my-project.");
        }
    }

    @Test
    void anInvalidPackageIsRefusedSayingWhy() {
        assertThatThrownBy(() -> NewProject.of("weather", null, "com.acme.2fast"))
                .hasMessage("Invalid Java package 'com.acme.2fast': '2fast' is not a Java identifier. "
                        + "Use dot-separated Java identifiers, e.g. com.acme.sales, with --package.");
        assertThatThrownBy(() -> NewProject.of("weather", null, "com.acme.new"))
                .hasMessage("Invalid Java package 'com.acme.new': 'new' is a Java keyword. "
                        + "Use dot-separated Java identifiers, e.g. com.acme.sales, with --package.");
        assertThatThrownBy(() -> NewProject.of("weather", null, "com..acme"))
                .hasMessage("Invalid Java package 'com..acme': it has an empty segment. "
                        + "Use dot-separated Java identifiers, e.g. com.acme.sales, with --package.");
        assertThatThrownBy(() -> NewProject.of("weather", null, "java.weather"))
                .hasMessage("Invalid Java package 'java.weather': packages under java are reserved for the JDK. "
                        + "Use dot-separated Java identifiers, e.g. com.acme.sales, with --package.");
    }

    @Test
    void aDerivedPackageThatIsInvalidAsksForOne() {
        assertThatThrownBy(() -> NewProject.of("switch", null, null))
                .hasMessage("The package derived from the project name and group id, com.example.switch, is not a "
                        + "valid Java package: 'switch' is a Java keyword. "
                        + "Use dot-separated Java identifiers, e.g. com.acme.sales, with --package.");
        assertThatThrownBy(() -> NewProject.of("weather", "com.1acme", null))
                .hasMessage("The package derived from the project name and group id, com.1acme.weather, is not a "
                        + "valid Java package: '1acme' is not a Java identifier. "
                        + "Use dot-separated Java identifiers, e.g. com.acme.sales, with --package.");
    }

    @Test
    void anInvalidGroupIdIsRefused() {
        assertThatThrownBy(() -> NewProject.of("weather", "com acme", null))
                .hasMessage("Invalid group id 'com acme': use dot-separated segments of letters, digits, '-' and "
                        + "'_', e.g. com.acme.");
    }
}
