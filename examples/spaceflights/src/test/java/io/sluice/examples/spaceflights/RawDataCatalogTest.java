package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import io.sluice.test.ProjectDirs;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw files as the project's {@code catalog.yml} loads them for the nodes: the percent,
 * boolean and currency conversions of {@code load_args.parse}, checked against the first rows of
 * the shipped files.
 */
class RawDataCatalogTest {

    @TempDir
    Path project;

    private Session session;

    @BeforeEach
    void compile() {
        ProjectDirs.copyInputs(project);
        session = Session.compile(new SpaceflightsProject(), new SessionOptions(project, "local", Map.of()));
    }

    @AfterEach
    void close() {
        session.close();
    }

    /** The dataset's rows as the node's first parameter declares them. */
    @SuppressWarnings("unchecked")
    private <T> List<T> load(String dataset, String node, Class<?> parameter) throws Exception {
        Type type = DataProcessing.class.getMethod(node, List.class).getGenericParameterTypes()[0];
        assertThat(type.getTypeName()).isEqualTo("java.util.List<" + parameter.getName() + ">");
        return (List<T>) session.catalog().dataset(dataset).load(type);
    }

    @Test
    void companiesHaveRatingsAsFractionsAndApprovalAsBooleans() throws Exception {
        // id,company_rating,company_location,total_fleet_count,iata_approved
        // 11988,,Portugal,3.0,t
        // 13470,69%,Mongolia,3.0,t
        // 13928,89%,Peru,2.0,f
        List<Company> companies = load("companies", "preprocessCompanies", Company.class);

        assertThat(companies).hasSize(2_000);
        assertThat(companies.subList(0, 3)).containsExactly(
                new Company(11988, null, "Portugal", 3.0, true),
                new Company(13470, 0.69, "Mongolia", 3.0, true),
                new Company(13928, 0.89, "Peru", 2.0, false));
    }

    @Test
    void shuttlesHavePricesInDollarsAndChecksAsBooleans() throws Exception {
        // 58088,Iceland,Type E1,Quantum,Orbital Drives,1.0,5,moderate,2.0,t,f,"$2,310.0",16328
        // 51406,New Zealand,Type V5,Nuclear,"Banks, Wood and Phillips",3.0,8,strict,4.0,t,f,"$3,575.0",12432
        List<Shuttle> shuttles = load("shuttles", "preprocessShuttles", Shuttle.class);

        assertThat(shuttles).hasSize(3_000);
        assertThat(shuttles.get(0)).isEqualTo(new Shuttle(58088, "Iceland", "Type E1", "Quantum", "Orbital Drives",
                1.0, 5, "moderate", 2.0, true, false, 2310.0, 16328));
        assertThat(shuttles.get(2)).isEqualTo(new Shuttle(51406, "New Zealand", "Type V5", "Nuclear",
                "Banks, Wood and Phillips", 3.0, 8, "strict", 4.0, true, false, 3575.0, 12432));
    }
}
