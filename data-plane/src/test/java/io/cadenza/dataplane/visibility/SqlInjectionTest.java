package io.cadenza.dataplane.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.IndexedValueType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * User text never reaches the SQL: values and custom attribute names are parameters, columns come from a fixed
 * table. (The same queries run against PostgreSQL in {@link VisibilitySqlPostgresTest}.)
 */
class SqlInjectionTest {

    static final String EVIL_NAME = "x'); DROP TABLE executions; --";
    static final Map<String, IndexedValueType> CUSTOM = Map.of(
            EVIL_NAME, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            "Evil\" OR 1=1 --", IndexedValueType.INDEXED_VALUE_TYPE_INT);
    static final String[] ATTACKS = {
            "WorkflowId = 'x'' OR ''1''=''1'",
            "WorkflowId = 'x\\' OR 1=1 --'",
            "WorkflowId = \"'); DROP TABLE executions; --\"",
            "WorkflowId STARTS_WITH '%'' OR 1=1 --'",
            "`" + EVIL_NAME + "` = 'a'",
            "`" + EVIL_NAME + "` != 'a' OR `" + EVIL_NAME + "` IS NULL",
            "`" + EVIL_NAME + "` STARTS_WITH 'a'",
            "`Evil\" OR 1=1 --` > 3",
            "WorkflowId IN ('a', 'b''); DELETE FROM executions; --')",
    };

    @Test
    void neitherValuesNorNamesAppearInTheSql() {
        for (String attack : ATTACKS) {
            SqlFilter filter = VisibilityQueryTranslator.forList(attack, CUSTOM, 2);
            String sql = filter.where().replace(FilterTranslator.LIKE_ESCAPE, "");
            assertThat(sql).as(attack).doesNotContain("'", "\"", ";", "--", "DROP", "DELETE", "1=1", "OR 1");
        }
    }

    @Test
    void anUnregisteredNameIsRefusedBeforeAnySqlIsMade() {
        assertThatThrownBy(() -> VisibilityQueryTranslator.forList("`a; DROP TABLE executions` = 'x'", CUSTOM, 2))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("invalid search attribute: a; DROP TABLE executions at position 1");
        assertThatThrownBy(() -> VisibilityQueryTranslator.forList("WorkflowId = 'a'; DROP TABLE executions", CUSTOM, 2))
                .hasMessage("malformed SQL query: unexpected character ';' at position 17");
    }
}
