package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.io.PooledDataset;
import io.sluice.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionResourcesTest {
    @TempDir
    Path dir;

    static int identity(int x) {
        return x;
    }

    @Test
    void closingTheSessionClosesTheResourcesOfItsCatalog() {
        TestProject.write(dir, Map.of("conf/base/catalog.yml",
                "pooled:\n  type: " + PooledDataset.class.getName() + "\n"));
        Session session = TestProject.session(dir, TestProject.of(
                Pipeline.of(node(SessionResourcesTest::identity).inputs("x").outputs("y"))));
        PooledDataset.Pool pool = (PooledDataset.Pool) session.catalog().dataset("pooled").load();

        session.close();

        assertThat(pool.isClosed()).isTrue();
    }
}
