package io.sluice.datasets.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedParametersTest {

    @Test
    void placeholdersBecomeMarkersInOrderAndMayRepeat() {
        NamedParameters p = NamedParameters.parse("SELECT * FROM t WHERE a > :low AND a < :high OR b = :low");

        assertThat(p.sql()).isEqualTo("SELECT * FROM t WHERE a > ? AND a < ? OR b = ?");
        assertThat(p.names()).containsExactly("low", "high", "low");
    }

    @Test
    void literalsIdentifiersCommentsDollarQuotesAndCastsAreLeftAlone() {
        String sql = "SELECT ':a', 'it''s :b', \":c\", $$ :d $$, $t$ :e $t$, x::int -- :f\n/* :g */ FROM t WHERE y = :h";

        NamedParameters p = NamedParameters.parse(sql);

        assertThat(p.names()).isEqualTo(List.of("h"));
        assertThat(p.sql()).isEqualTo(sql.replace(":h", "?"));
    }
}
