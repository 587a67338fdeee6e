package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The versions a generated pom gets are those Sluice is built with, so that a generated project
 * builds offline from what building Sluice put in the local Maven repository.
 */
class VersionsTest {
    /** The parent pom: Surefire runs the tests in sluice-cli/. */
    private static final Path PARENT_POM = Path.of("").toAbsolutePath().resolveSibling("pom.xml");

    private static Document parentPom() throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(PARENT_POM.toFile());
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    @Test
    void sluiceJunitAndAssertjAreTheBuildsOwn() throws Exception {
        Element project = parentPom().getDocumentElement();
        Element properties = (Element) project.getElementsByTagName("properties").item(0);
        Versions versions = Versions.load();

        assertThat(versions.sluice()).isEqualTo(text(project, "version"));
        assertThat(versions.get("junit.version")).isEqualTo(text(properties, "junit.version"));
        assertThat(versions.get("assertj.version")).isEqualTo(text(properties, "assertj.version"));
    }

    @Test
    void everyPinnedPluginHasTheParentPomsVersion() throws Exception {
        Element pluginManagement = (Element) parentPom().getElementsByTagName("pluginManagement").item(0);
        NodeList plugins = pluginManagement.getElementsByTagName("plugin");
        Versions versions = Versions.load();
        List<String> pinned = List.of("maven-clean-plugin", "maven-resources-plugin", "maven-compiler-plugin",
                "maven-surefire-plugin", "maven-jar-plugin", "maven-install-plugin", "maven-deploy-plugin",
                "maven-site-plugin", "maven-dependency-plugin");

        int found = 0;
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            String artifactId = text(plugin, "artifactId");
            if (pinned.contains(artifactId)) {
                assertThat(versions.get(artifactId)).as(artifactId).isEqualTo(text(plugin, "version"));
                found++;
            }
        }
        assertThat(found).isEqualTo(pinned.size());
    }
}
