package io.sluice.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same structure gives the same grouping, ids and JSON whatever order the nodes were declared in. */
class GroupingDeterminismTest {

    static Stream<GroupStrategy> strategies() {
        return Stream.of(new GroupStrategy.PerNode(), new GroupStrategy.ByNamespace(),
                new GroupStrategy.ByTag("group:", "misc"), new GroupStrategy.MemoryComponents(),
                new GroupStrategy.PersistenceCuts(), new GroupStrategy.ByBranch(),
                new GroupStrategy.Merged(new GroupStrategy.MemoryComponents(), 2, 0, null),
                new GroupStrategy.Explicit(new DeploySpec(List.of(new DeploySpec.DeployGroup("prep",
                        io.sluice.config.Location.of("code"), List.of(new DeploySpec.Selector(DeploySpec.Kind.NAMESPACE,
                        "data", io.sluice.config.Location.of("code"))))), java.util.Optional.of("rest"))));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void declarationOrderDoesNotMatter(GroupStrategy strategy) {
        Grouping forward = Shop.grouper().group(strategy);
        Grouping backward = Grouper.of("shop", Shop.reversed(), Shop.persisted()).group(strategy);
        assertThat(backward).isEqualTo(forward);
        assertThat(backward.toJson().toString()).isEqualTo(forward.toJson().toString());
        assertThat(forward.groupIds()).allMatch(io.sluice.run.RunIds::isSafeName);
    }
}
